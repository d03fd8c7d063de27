package dev.radsec.transport.internal.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * {@link TlsEngine} over Bouncy Castle's low-level TLS in its non-blocking mode ({@code offerInput}/{@code
 * readOutput}), for what the JDK's engine cannot do: TLS-PSK. The BC peer ({@link TlsClient} or {@link TlsServer})
 * decides versions, suites and keys; this class only maps BC's byte queues onto wrap and unwrap:
 * <ul>
 * <li>{@link #unwrap} offers BC exactly one whole record and hands on what it decrypted;</li>
 * <li>{@link #wrap} hands out what BC queued (handshake records, alerts, close_notify) before it encrypts anything
 * new, and encrypts at most one record's worth of application data per call;</li>
 * <li>the handshake needs a wrap while BC has output queued, an unwrap while it is handshaking, and reports
 * {@link Handshake#FINISHED} once, when it has completed and its last records are out.</li>
 * </ul>
 */
public final class BcTlsEngine implements TlsEngine {
    private static final int HEADER = 5;
    /** RFC 8446 section 5.2: a record's ciphertext is at most 2^14 + 256 octets; RFC 5246 allows 2^14 + 2048. */
    static final int MAX_RECORD = HEADER + (1 << 14) + 2048;
    static final int MAX_PLAINTEXT = 1 << 14;

    private final TlsProtocol protocol;
    private final Runnable begin;
    private final TlsContext context;
    private final BcPeerState peer;
    private boolean finishedReported;
    private boolean outboundClosing;
    /**
     * BC's non-blocking calls take arrays and copy what they are given, so one array per thread serves every
     * connection: a connection holds no buffer of its own between events.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_RECORD]);

    private BcTlsEngine(TlsProtocol protocol, Runnable begin, BcPeerState peer, TlsContext context) {
        this.protocol = protocol;
        this.begin = begin;
        this.peer = peer;
        this.context = context;
    }

    /** What the BC peer (client or server) tells the engine: handshake completion, the PSK identity used. */
    public interface BcPeerState {
        boolean handshakeComplete();

        /** The PSK identity the handshake used; empty when none. */
        Optional<String> pskIdentity();

        /** The TLS context BC gave the peer at init. */
        TlsContext context();
    }

    /** A client engine for {@code client}, which must implement {@link BcPeerState}. */
    public static <C extends TlsClient & BcPeerState> BcTlsEngine client(C client) {
        TlsClientProtocol p = new TlsClientProtocol();
        return new BcTlsEngine(p, () -> {
            try {
                p.connect(client);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, client, null);
    }

    /** A server engine for {@code server}, which must implement {@link BcPeerState}. */
    public static <S extends TlsServer & BcPeerState> BcTlsEngine server(S server) {
        TlsServerProtocol p = new TlsServerProtocol();
        return new BcTlsEngine(p, () -> {
            try {
                p.accept(server);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, server, null);
    }

    @Override
    public void beginHandshake() throws SSLException {
        try {
            begin.run();
        } catch (IllegalStateException e) {
            throw sslException(e.getCause() == null ? e : e.getCause());
        }
    }

    @Override
    public Result wrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        int consumed = 0;
        if (protocol.getAvailableOutputBytes() == 0 && source.hasRemaining() && protocol.isConnected()
                && !outboundClosing) {
            int n = Math.min(source.remaining(), Math.min(MAX_PLAINTEXT, protocol.getApplicationDataLimit()));
            byte[] plain = SCRATCH.get();
            source.get(plain, 0, n);
            try {
                protocol.writeApplicationData(plain, 0, n);
            } catch (IOException e) {
                throw sslException(e);
            }
            consumed = n;
        }
        // a record may span two calls when the destination is small: the filter joins them in order
        int produced = protocol.readOutput(destination, Math.min(protocol.getAvailableOutputBytes(),
                destination.remaining()));
        Status status = protocol.isClosed() && protocol.getAvailableOutputBytes() == 0 && produced == 0
                ? Status.CLOSED : Status.OK;
        return new Result(status, reportedHandshake(), consumed, produced);
    }

    @Override
    public Result unwrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        if (source.remaining() < HEADER) {
            return new Result(Status.NEED_INPUT, handshake(), 0, 0);
        }
        int at = source.position();
        int length = HEADER + (((source.get(at + 3) & 0xFF) << 8) | (source.get(at + 4) & 0xFF));
        if (length > MAX_RECORD) {
            throw new SSLException("a TLS record of " + length + " bytes is larger than any the protocol allows");
        }
        if (source.remaining() < length) {
            return new Result(Status.NEED_INPUT, handshake(), 0, 0);
        }
        if (protocol.isClosed()) {
            return new Result(Status.CLOSED, handshake(), 0, 0);
        }
        byte[] record = SCRATCH.get();
        source.get(record, 0, length);
        try {
            protocol.offerInput(record, 0, length);
        } catch (IOException e) {
            throw sslException(e);
        }
        int decrypted = protocol.getAvailableInputBytes();
        if (decrypted > destination.remaining()) {
            return new Result(Status.NEED_ROOM, handshake(), length, 0); // cannot happen with applicationBufferSize()
        }
        int produced = decrypted == 0 ? 0 : protocol.readInput(destination, decrypted);
        Status status = protocol.isClosed() ? Status.CLOSED : Status.OK;
        return new Result(status, reportedHandshake(), length, produced);
    }

    /** {@link #handshake()}, but {@link Handshake#FINISHED} once when it has just completed. */
    private Handshake reportedHandshake() {
        Handshake h = handshake();
        if (h == Handshake.NOT_HANDSHAKING && !finishedReported && peer.handshakeComplete()) {
            finishedReported = true;
            return Handshake.FINISHED;
        }
        return h;
    }

    @Override
    public Handshake handshake() {
        if (protocol.getAvailableOutputBytes() > 0) {
            return Handshake.NEED_WRAP;
        }
        if (protocol.isHandshaking() || (!peer.handshakeComplete() && !protocol.isClosed())) {
            return Handshake.NEED_UNWRAP;
        }
        return Handshake.NOT_HANDSHAKING;
    }

    @Override
    public Runnable delegatedTask() {
        return null; // BC does its slow steps inside offerInput
    }

    @Override
    public void closeOutbound() {
        outboundClosing = true;
        if (!protocol.isClosed()) {
            try {
                protocol.close(); // queues close_notify
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean isOutboundDone() {
        return (outboundClosing || protocol.isClosed()) && protocol.getAvailableOutputBytes() == 0;
    }

    @Override
    public int packetBufferSize() {
        return MAX_RECORD;
    }

    @Override
    public int applicationBufferSize() {
        return MAX_PLAINTEXT + 1024; // BC decrypts one record at a time: at most 2^14 octets, slack for a peer's padding
    }

    @Override
    public String protocol() {
        ProtocolVersion v = context().getServerVersion();
        if (v == null) {
            return "NONE";
        }
        return v.equals(ProtocolVersion.TLSv13) ? "TLSv1.3" : v.equals(ProtocolVersion.TLSv12) ? "TLSv1.2" : v.getName();
    }

    @Override
    public String cipherSuite() {
        SecurityParameters p = context().getSecurityParametersConnection();
        return p == null ? "SSL_NULL_WITH_NULL_NULL" : PskSuites.name(p.getCipherSuite());
    }

    private TlsContext context() {
        return context != null ? context : peer.context();
    }

    @Override
    public Optional<String> applicationProtocol() {
        return Optional.empty();
    }

    @Override
    public Optional<X509Certificate[]> peerCertificates() {
        return Optional.empty(); // PSK only: no certificates either way
    }

    @Override
    public Optional<String> pskIdentity() {
        return peer.pskIdentity();
    }

    private static SSLException sslException(Throwable e) {
        if (e instanceof SSLException s) {
            return s;
        }
        String message = e instanceof TlsFatalAlert alert
                ? "TLS alert " + org.bouncycastle.tls.AlertDescription.getText(alert.getAlertDescription())
                        + (alert.getMessage() == null ? "" : ": " + alert.getMessage())
                : String.valueOf(e.getMessage());
        return new SSLException(message, e);
    }
}
