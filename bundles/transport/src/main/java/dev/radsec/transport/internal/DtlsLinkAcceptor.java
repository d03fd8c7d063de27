package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerWatch;
import dev.radsec.transport.internal.dtls.DtlsSession;
import dev.radsec.transport.internal.dtls.ClientHellos;
import dev.radsec.transport.internal.dtls.HelloCookies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts RADIUS/DTLS links (RFC 7360) on one datagram socket: one session per client address and port.
 * <ul>
 * <li>A datagram from an address without a session must be a ClientHello. One without our cookie gets a
 * HelloVerifyRequest made with no engine and no state ({@link HelloCookies}); one with it gets an engine; anything
 * else is dropped and counted. No engine exists for an address before it has shown it receives at that
 * address.</li>
 * <li>At most {@code max-sessions} sessions; a new client beyond it is dropped and counted.</li>
 * <li>A session quiet for {@code idle-timeout} is closed; so is one whose handshake outlasts {@code tls-timeout}.</li>
 * <li>The client certificate is checked as on RadSec listeners ({@code allowed-peer-names}) and watched for
 * revocation while the session lasts. A session that never completes counts as {@code tls-refused}.</li>
 * </ul>
 * One thread per listener reads every datagram, as {@link UdpLinkAcceptor} does; answers leave from the thread that
 * has them.
 */
final class DtlsLinkAcceptor implements Link.Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsLinkAcceptor.class);

    private final ListenerSettings settings;
    private final CredentialService pki;
    private final Scheduler timer;
    private final SSLContext context;
    private final HelloCookies cookies = new HelloCookies();
    private final RadsecTls.PeerPolicy policy;
    private final InetSocketAddress address;
    private final Map<SocketAddress, Accepted> sessions = new ConcurrentHashMap<>();
    /** ClientHellos answered with a HelloVerifyRequest. */
    final LongAdder cookiesSent = new LongAdder();
    /** ClientHellos whose cookie was wrong (forged, stale, or from another address). */
    final LongAdder cookieFailures = new LongAdder();
    /** Datagrams from addresses without a session that were no ClientHello, or came beyond max-sessions. */
    final LongAdder dropped = new LongAdder();
    /** Handshakes completed. */
    final LongAdder handshakes = new LongAdder();
    /** Handshake retransmissions of sessions that have ended (those of open sessions are read from them). */
    private final LongAdder endedRetransmissions = new LongAdder();
    private DatagramChannel channel;
    private Scheduler.Cancellable sweep = Scheduler.Cancellable.NONE;
    private volatile boolean closed;

    DtlsLinkAcceptor(ListenerSettings settings, CredentialService pki, Scheduler timer) {
        this.settings = settings;
        this.pki = pki;
        this.timer = timer;
        this.context = Dtls.context(pki, settings.tlsCertificate, settings.tlsTrust);
        this.policy = new AllowedPeerNames(settings);
        this.address = new InetSocketAddress(settings.address, settings.port);
    }

    @Override
    public void bind(Link.Listener listener) throws IOException {
        channel = ListenerChannels.bind(address);
        ListenerChannels.startReader("radsec-dtls-" + localAddress().getPort(), () -> read(listener));
        scheduleSweep();
    }

    private void read(Link.Listener listener) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(DtlsSession.MAX_DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                buffer.flip();
                Accepted session = sessions.get(from);
                // A ClientHello from the address of an established session is a client that restarted (or a NAT
                // that rebound the port: RFC 6347 section 4.2.8): it goes through the cookie exchange like a new
                // client, and its new session replaces the old one. The old engine would never answer it.
                if (session != null && !(session.session.isSecured() && ClientHellos.cookieLength(buffer) >= 0)) {
                    session.lastHeard = timer.clock().millis();
                    session.session.received(buffer);
                    continue;
                }
                int cookie = ClientHellos.cookieLength(buffer);
                if (cookie < 0) {
                    dropped.increment();
                } else if (cookie == 0 || !cookies.valid(buffer, from)) {
                    if (cookie > 0) {
                        cookieFailures.increment();
                    }
                    ByteBuffer verify = cookies.helloVerifyRequest(buffer, from); // no engine, nothing kept
                    if (verify == null) {
                        dropped.increment();
                    } else {
                        channel.send(verify, from);
                        cookiesSent.increment();
                    }
                } else if (session == null && sessions.size() >= settings.maxSessions) {
                    dropped.increment();
                    LOG.debug("Listener {}: {} DTLS sessions, the limit: {} dropped", settings.name, sessions.size(),
                            from);
                } else {
                    accept(from, buffer, listener);
                }
            } catch (javax.net.ssl.SSLException e) {
                dropped.increment(); // a ClientHello the engine cannot read
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram or handler failure must not end the listener
                LOG.warn("DTLS listener {}: {}", address, e.toString());
            }
        }
    }

    /** This listener's DTLS counters now. */
    dev.radsec.transport.ListenerStatistics.Dtls statistics() {
        long retransmissions = endedRetransmissions.sum();
        for (Accepted a : sessions.values()) {
            retransmissions += a.session.retransmissions();
        }
        return new dev.radsec.transport.ListenerStatistics.Dtls(sessions.size(), handshakes.sum(), retransmissions,
                cookiesSent.sum(), cookieFailures.sum(), dropped.sum());
    }

    /**
     * A ClientHello with our cookie: the first engine for this address. The JDK's engine takes a first hello only
     * with message_seq 0 and makes its own cookie, so it is primed with the hello as first sent ({@link
     * ClientHellos#prime}) and answers this one with its own HelloVerifyRequest; the client's next hello carries
     * that cookie and the handshake proceeds: one round trip more than the JDK alone, and no engine for an address
     * that has not shown it receives there.
     */
    private void accept(InetSocketAddress from, ByteBuffer hello, Link.Listener listener) throws javax.net.ssl.SSLException {
        javax.net.ssl.SSLEngine engine = Dtls.server(context);
        ClientHellos.prime(engine, hello);
        Accepted accepted = new Accepted(from, listener, engine);
        accepted.session.begin();
        accepted.session.received(hello);
        Accepted replaced = sessions.put(from, accepted);
        if (replaced != null) {
            replaced.end("the client started a new DTLS session");
        }
    }

    /** Closes sessions quiet for {@code idle-timeout}, every tenth of it. */
    private void scheduleSweep() {
        sweep = timer.schedule(settings.idleTimeout.dividedBy(10), () -> {
            long before = timer.clock().millis() - settings.idleTimeout.toMillis();
            for (Accepted a : sessions.values()) {
                if (a.lastHeard <= before) {
                    a.close("no datagram for " + settings.idleTimeout.getSeconds() + " s");
                }
            }
            if (!closed) {
                scheduleSweep();
            }
        });
    }

    /** One client address's DTLS session. */
    private final class Accepted implements Link, DtlsSession.Io {
        final InetSocketAddress remote;
        final LinkReporter report;
        final DtlsSession session;
        volatile long lastHeard = timer.clock().millis();
        volatile PeerWatch watch;

        Accepted(InetSocketAddress remote, Link.Listener listener, javax.net.ssl.SSLEngine engine) {
            this.remote = remote;
            this.report = new LinkReporter(this, listener);
            this.session = new DtlsSession(engine, timer, settings.tlsTimeout, settings.mtu, this);
        }

        @Override
        public void send(ByteBuffer datagram) {
            try {
                channel.send(datagram, remote);
            } catch (IOException e) {
                LOG.debug("DTLS listener {}: datagram to {} not sent: {}", address, remote, e.toString());
            }
        }

        @Override
        public void packet(byte[] packet) {
            report.packet(packet);
        }

        @Override
        public void secured() {
            handshakes.increment();
            LinkInfo peer = Dtls.peer(remote, session.engine());
            String refusal = peer == null ? "the client presented no certificate" : policy.refusal(peer);
            if (refusal != null) {
                close(refusal);
                return;
            }
            watch = pki.watchPeer(settings.tlsTrust, peer.peerChain, reason -> {
                policy.invalidated(peer, reason);
                close("peer certificate no longer valid: " + reason);
            });
            report.up(peer);
        }

        @Override
        public void failed(String reason) {
            LOG.debug("DTLS listener {}: session with {} ended: {}", settings.name, remote, reason);
            close(reason);
        }

        @Override
        public void send(byte[] packet) {
            session.send(packet);
        }

        /** Ends a session that a newer one of the same client replaced: no close_notify, the client has moved on. */
        void end(String reason) {
            endedRetransmissions.add(session.retransmissions());
            session.discard();
            close(reason);
        }

        @Override
        public void close(String reason) {
            if (sessions.remove(remote, this)) {
                endedRetransmissions.add(session.retransmissions());
            }
            PeerWatch w = watch;
            if (w != null) {
                w.close();
            }
            session.close();
            report.down(reason);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return ListenerChannels.localAddress(channel, address);
    }

    @Override
    public void close() {
        closed = true;
        sweep.cancel();
        for (Accepted a : sessions.values()) {
            a.close("the listener closed");
        }
        try {
            if (channel != null) { // null when binding failed: the bind's error is the one to report
                channel.close(); // ends the blocking receive
            }
        } catch (IOException e) {
            LOG.debug("DTLS listener {}: close: {}", address, e.toString());
        }
    }
}
