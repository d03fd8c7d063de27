package dev.radsec.transport.internal.dtls;

import dev.radsec.common.Scheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One DTLS association (RFC 6347 over the JDK's DTLS engine), with no I/O of its own: datagrams come in through
 * {@link #received} and leave through {@link Io#send}, so a client socket and a server socket drive it alike.
 * <ul>
 * <li>Handshake flights leave one record per datagram. The JDK's engine has one size limit for the records it
 * makes and the records it reads ({@link #MAX_PACKET}, which the engine must be given): it must read a 4,096-octet
 * RADIUS packet in one record, so its flights are cut at that size too, not at a path MTU.</li>
 * <li>While the handshake waits for the peer, the last flight is sent again after 1 s, then 2, 4, ... (RFC 6347
 * section 4.2.4), on the injected timer; the whole handshake is bounded by {@code timeout}.</li>
 * <li>After the handshake, one packet is one record in one datagram, up to 4,096 octets and more: a large record
 * leaves to IP fragmentation (radiusdtls-bis).</li>
 * <li>Every record of a datagram is read; a datagram the engine cannot read is dropped and counted, and never ends
 * the session: anyone can send a datagram to a DTLS port.</li>
 * </ul>
 * {@link Io}'s callbacks other than {@code send} run outside this session's lock, so that whoever they call may
 * send on this session from another thread while holding its own locks.
 */
public final class DtlsSession {
    /** Where a session's datagrams and packets go. */
    public interface Io {
        /**
         * Sends one datagram to the peer, before returning: the buffer is the session's own and is reused for the
         * next datagram (no allocation per packet).
         */
        void send(ByteBuffer datagram);

        /** A whole RADIUS packet arrived (one record). */
        void packet(byte[] packet);

        /** The handshake completed. */
        void secured();

        /** The session failed and is over: an engine error, the handshake timeout, or the peer's close. */
        void failed(String reason);
    }

    /**
     * The engine's {@code maximumPacketSize}: a record holding a RADIUS packet of 4,096 octets (radiusdtls-bis: MUST
     * be sent and received), with its header, explicit nonce and tag, and room to spare.
     */
    public static final int MAX_PACKET = 4096 + 256;
    /** Largest datagram read or written: a RADIUS packet of 4,096 octets in one record, with room to spare. */
    public static final int MAX_DATAGRAM = 16_384 + 1024;
    private static final Duration FIRST_RETRANSMIT = Duration.ofSeconds(1);
    private static final Duration LAST_RETRANSMIT = Duration.ofSeconds(60);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Scheduler timer;
    private final Duration timeout;
    private final Io io;
    private final ByteBuffer application = ByteBuffer.allocate(MAX_DATAGRAM);
    private final ByteBuffer network = ByteBuffer.allocate(MAX_DATAGRAM);
    private Scheduler.Cancellable retransmit = Scheduler.Cancellable.NONE;
    private Scheduler.Cancellable deadline = Scheduler.Cancellable.NONE;
    private Duration nextRetransmit = FIRST_RETRANSMIT;
    private boolean secured;
    private boolean over;
    private long retransmissions;
    private long unreadable;
    /** Events for {@link Io}, made under this session's lock and told after it is released ({@link #tell}). */
    private boolean securedToTell;
    private final java.util.ArrayDeque<byte[]> packetsToTell = new java.util.ArrayDeque<>(1);
    private String failureToTell;

    /** The path MTU the handshake flights are cut to; 0: not cut below {@link #MAX_PACKET}. */
    private final int mtu;

    /**
     * @param engine  a DTLS engine in client or server mode, {@code maximumPacketSize} set to {@link #MAX_PACKET}
     * @param timeout how long the handshake may take
     */
    public DtlsSession(SSLEngine engine, Scheduler timer, Duration timeout, Io io) {
        this(engine, timer, timeout, 0, io);
    }

    /**
     * @param mtu the largest datagram a handshake flight may use (the path MTU); 0 for {@link #MAX_PACKET}
     */
    public DtlsSession(SSLEngine engine, Scheduler timer, Duration timeout, int mtu, Io io) {
        this.engine = engine;
        this.timer = timer;
        this.timeout = timeout;
        this.mtu = mtu;
        this.io = io;
    }

    /** Starts the handshake: a client sends its ClientHello; a server waits for one. */
    public void begin() {
        synchronized (this) {
            deadline = timer.schedule(timeout, () -> {
                synchronized (DtlsSession.this) {
                    fail("DTLS handshake did not complete within " + timeout.getSeconds() + " s");
                }
                tell();
            });
            try {
                if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                    engine.beginHandshake(); // not again for an engine a listener primed (ClientHellos.prime)
                }
                drive();
            } catch (SSLException | RuntimeException e) {
                fail(message(e));
            }
        }
        tell();
    }

    /** Reads every record of one datagram from the peer. */
    public void received(ByteBuffer datagram) {
        synchronized (this) {
            read(datagram);
        }
        tell();
    }

    private void read(ByteBuffer datagram) {
        if (over) {
            return;
        }
        try {
            while (datagram.hasRemaining() && !over) {
                application.clear();
                SSLEngineResult r = engine.unwrap(datagram, application);
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW, BUFFER_OVERFLOW -> {
                                                unreadable++; // a truncated or oversized record: the rest of the datagram is not readable
                        return;
                    }
                    case CLOSED -> {
                        fail("the peer closed the DTLS session");
                        return;
                    }
                    default -> {
                    }
                }
                if (application.position() > 0) {
                    byte[] packet = new byte[application.position()];
                    application.flip().get(packet);
                    packetsToTell.add(packet);
                }
                drive();
                if (r.bytesConsumed() == 0) {
                    return;
                }
            }
        } catch (SSLException e) {
            if (secured) {
                                unreadable++; // a forged or damaged record after the handshake: dropped, the session stays
            } else {
                fail(message(e));
            }
        } catch (RuntimeException e) {
            unreadable++;
        }
    }

    /** Sends one packet as one record in one datagram; false when the session is not secured or is over. */
    public boolean send(byte[] packet) {
        boolean sent;
        synchronized (this) {
            sent = wrap(packet);
        }
        if (!sent) {
            tell();
        }
        return sent;
    }

    private boolean wrap(byte[] packet) {
        if (!secured || over) {
            return false;
        }
        try {
            network.clear();
            SSLEngineResult r = engine.wrap(ByteBuffer.wrap(packet), network);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                return false;
            }
            io.send(network.flip());
            return true;
        } catch (SSLException e) {
            fail(message(e));
            return false;
        }
    }

    /** Ends the session without a word to the peer: for a session the peer has already replaced. */
    public synchronized void discard() {
        over = true;
        retransmit.cancel();
        deadline.cancel();
    }

    /** Ends the session, sending close_notify when it was secured. */
    public synchronized void close() {
        if (over) {
            return;
        }
        over = true;
        retransmit.cancel();
        deadline.cancel();
        if (secured) {
            engine.closeOutbound();
            try {
                network.clear();
                engine.wrap(EMPTY, network);
                if (network.position() > 0) {
                    io.send(network.flip());
                }
            } catch (SSLException e) {
                // closing anyway
            }
        }
    }

    public synchronized boolean isSecured() {
        return secured;
    }

    /** Handshake flights sent again because the peer's answer did not come. */
    public synchronized long retransmissions() {
        return retransmissions;
    }

    /** Datagrams or records that could not be read and were dropped. */
    public synchronized long unreadable() {
        return unreadable;
    }

    public SSLEngine engine() {
        return engine;
    }

    /** Runs the handshake as far as it goes without the peer. */
    private void drive() throws SSLException {
        while (!over) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                case NEED_WRAP -> wrapFlight();
                case NEED_UNWRAP_AGAIN -> {
                    application.clear();
                    engine.unwrap(EMPTY, application);
                }
                case NEED_UNWRAP -> {
                    armRetransmit();
                    return;
                }
                default -> { // NOT_HANDSHAKING, FINISHED
                    if (!secured) {
                        secured = true;
                        retransmit.cancel();
                        deadline.cancel();
                        securedToTell = true;
                    }
                    return;
                }
            }
        }
    }

    /**
     * The JDK's engine has one size for the records it makes and the records it reads, and a session takes the size
     * it reads with from the engine's settings when the session is made, which happens while a hello is read
     * (unwrap). So the size is {@link #MAX_PACKET} whenever the engine reads, and the MTU only while it writes a
     * handshake flight: flights fit the path, and packets of 4,096 octets still come and go in one record.
     */
    private void cutTo(int size) {
        if (mtu > 0) {
            javax.net.ssl.SSLParameters p = engine.getSSLParameters();
            p.setMaximumPacketSize(size);
            engine.setSSLParameters(p);
        }
    }

    /** Sends every record the engine has for the peer now, one datagram each, at most {@code mtu} octets. */
    private void wrapFlight() throws SSLException {
        cutTo(mtu);
        try {
            wrapRecords();
        } finally {
            cutTo(MAX_PACKET);
        }
    }

    private void wrapRecords() throws SSLException {
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            network.clear();
            SSLEngineResult r = engine.wrap(EMPTY, network);
            if (network.position() > 0) {
                io.send(network.flip());
            }
            if (r.getStatus() != SSLEngineResult.Status.OK || r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                return;
            }
        }
    }

    /** While we wait for the peer during the handshake, our last flight goes again, at growing intervals. */
    private void armRetransmit() {
        if (secured || over) {
            return;
        }
        retransmit.cancel();
        Duration wait = nextRetransmit;
        retransmit = timer.schedule(wait, () -> {
            synchronized (DtlsSession.this) {
                if (secured || over || engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
                    return;
                }
                retransmissions++;
                nextRetransmit = nextRetransmit.multipliedBy(2).compareTo(LAST_RETRANSMIT) > 0 ? LAST_RETRANSMIT
                        : nextRetransmit.multipliedBy(2);
                try {
                    // the JDK's DTLS engine sends its last flight again when asked to wrap while it waits
                    cutTo(mtu);
                    try {
                        network.clear();
                        engine.wrap(EMPTY, network);
                        if (network.position() > 0) {
                            io.send(network.flip());
                        }
                        wrapRecords(); // the rest of the flight, when it is more than one record
                    } finally {
                        cutTo(MAX_PACKET);
                    }
                    drive();
                } catch (SSLException e) {
                    fail(message(e));
                }
            }
            tell();
        });
    }

    /** Under the lock: the session is over; {@link Io#failed} is told once the lock is released. */
    private void fail(String reason) {
        if (over) {
            return;
        }
        over = true;
        retransmit.cancel();
        deadline.cancel();
        failureToTell = reason;
    }

    /** Tells {@link Io} what happened under the lock, outside it: secured first, then packets, then a failure. */
    private void tell() {
        boolean secured;
        byte[][] packets;
        String failure;
        synchronized (this) {
            secured = securedToTell;
            securedToTell = false;
            packets = packetsToTell.isEmpty() ? null : packetsToTell.toArray(byte[][]::new);
            packetsToTell.clear();
            failure = failureToTell;
            failureToTell = null;
        }
        if (secured) {
            io.secured();
        }
        if (packets != null) {
            for (byte[] p : packets) {
                io.packet(p);
            }
        }
        if (failure != null) {
            io.failed(failure);
        }
    }


    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
