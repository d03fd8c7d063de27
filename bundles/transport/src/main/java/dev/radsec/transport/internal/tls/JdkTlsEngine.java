package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** {@link TlsEngine} over the JDK's {@link SSLEngine}: a thin adapter. */
public final class JdkTlsEngine implements TlsEngine {
    private final SSLEngine engine;

    public JdkTlsEngine(SSLEngine engine) {
        this.engine = engine;
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public Result wrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        return result(engine.wrap(source, destination));
    }

    @Override
    public Result unwrap(ByteBuffer source, ByteBuffer destination) throws SSLException {
        return result(engine.unwrap(source, destination));
    }

    private static Result result(SSLEngineResult r) {
        Status status = switch (r.getStatus()) {
            case OK -> Status.OK;
            case BUFFER_UNDERFLOW -> Status.NEED_INPUT;
            case BUFFER_OVERFLOW -> Status.NEED_ROOM;
            case CLOSED -> Status.CLOSED;
        };
        return new Result(status, handshake(r.getHandshakeStatus()), r.bytesConsumed(), r.bytesProduced());
    }

    private static Handshake handshake(SSLEngineResult.HandshakeStatus s) {
        return switch (s) {
            case NOT_HANDSHAKING -> Handshake.NOT_HANDSHAKING;
            case NEED_WRAP -> Handshake.NEED_WRAP;
            // NEED_UNWRAP_AGAIN is DTLS only: the engine has buffered input to unwrap
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> Handshake.NEED_UNWRAP;
            case NEED_TASK -> Handshake.NEED_TASK;
            case FINISHED -> Handshake.FINISHED;
        };
    }

    @Override
    public Handshake handshake() {
        return handshake(engine.getHandshakeStatus());
    }

    @Override
    public Runnable delegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public int packetBufferSize() {
        return engine.getSession().getPacketBufferSize();
    }

    @Override
    public int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    @Override
    public String protocol() {
        return engine.getSession().getProtocol();
    }

    @Override
    public String cipherSuite() {
        return engine.getSession().getCipherSuite();
    }

    @Override
    public Optional<String> applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    @Override
    public Optional<X509Certificate[]> peerCertificates() {
        SSLSession session = engine.getSession();
        try {
            Certificate[] certs = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certs.length];
            for (int i = 0; i < certs.length; i++) {
                chain[i] = (X509Certificate) certs[i];
            }
            return Optional.of(chain);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
