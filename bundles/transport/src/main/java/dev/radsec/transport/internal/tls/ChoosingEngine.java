package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A server engine that lets the client's handshake decide between certificates and a pre-shared key: it waits for
 * the first whole record, reads the ClientHello in it ({@link ClientHello}), asks {@code choose} for the engine and
 * from then on is that engine. Before the choice nothing is sent (a TLS server speaks second), and the record is
 * not consumed, so the chosen engine reads it as if it had been there from the start.
 */
public final class ChoosingEngine implements TlsEngine {
    private static final int HEADER = 5;
    private final Function<ClientHello, TlsEngine> choose;
    private final int packetBufferSize;
    private final int applicationBufferSize;
    private TlsEngine chosen;

    /**
     * @param choose                the engine for a client's hello
     * @param packetBufferSize      the largest of the candidate engines' record sizes
     * @param applicationBufferSize the largest of their plaintext sizes
     */
    ChoosingEngine(Function<ClientHello, TlsEngine> choose, int packetBufferSize, int applicationBufferSize) {
        this.choose = choose;
        this.packetBufferSize = packetBufferSize;
        this.applicationBufferSize = applicationBufferSize;
    }

    @Override
    public void beginHandshake() {
        // the chosen engine begins when it is chosen
    }

    @Override
    public Result wrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        if (chosen == null) {
            return new Result(Status.OK, Handshake.NEED_UNWRAP, 0, 0);
        }
        return chosen.wrap(source, destination);
    }

    @Override
    public Result unwrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        if (chosen == null) {
            if (source.remaining() < HEADER) {
                return new Result(Status.NEED_INPUT, Handshake.NEED_UNWRAP, 0, 0);
            }
            int at = source.position();
            int length = HEADER + (((source.get(at + 3) & 0xFF) << 8) | (source.get(at + 4) & 0xFF));
            if (source.remaining() < length && length <= packetBufferSize) {
                return new Result(Status.NEED_INPUT, Handshake.NEED_UNWRAP, 0, 0);
            }
            chosen = choose.apply(ClientHello.parse(source));
            chosen.beginHandshake();
        }
        return chosen.unwrap(source, destination);
    }

    @Override
    public Handshake handshake() {
        return chosen == null ? Handshake.NEED_UNWRAP : chosen.handshake();
    }

    @Override
    public Runnable delegatedTask() {
        return chosen == null ? null : chosen.delegatedTask();
    }

    @Override
    public void closeOutbound() {
        if (chosen != null) {
            chosen.closeOutbound();
        }
    }

    @Override
    public boolean isOutboundDone() {
        return chosen == null || chosen.isOutboundDone();
    }

    @Override
    public int packetBufferSize() {
        return chosen == null ? packetBufferSize : chosen.packetBufferSize();
    }

    @Override
    public int applicationBufferSize() {
        return chosen == null ? applicationBufferSize : chosen.applicationBufferSize();
    }

    @Override
    public String protocol() {
        return chosen == null ? "NONE" : chosen.protocol();
    }

    @Override
    public String cipherSuite() {
        return chosen == null ? "SSL_NULL_WITH_NULL_NULL" : chosen.cipherSuite();
    }

    @Override
    public Optional<String> applicationProtocol() {
        return chosen == null ? Optional.empty() : chosen.applicationProtocol();
    }

    @Override
    public Optional<X509Certificate[]> peerCertificates() {
        return chosen == null ? Optional.empty() : chosen.peerCertificates();
    }

    @Override
    public Optional<String> pskIdentity() {
        return chosen == null ? Optional.empty() : chosen.pskIdentity();
    }
}
