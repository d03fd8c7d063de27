package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The TLS engine under {@link TlsFilter}: what the filter needs of a TLS implementation, the operations of JDK's
 * {@link javax.net.ssl.SSLEngine} and nothing else, so that another implementation (Bouncy Castle's low-level TLS
 * for TLS-PSK, DTLS) can stand in. One engine serves one connection; the filter calls it under one lock.
 */
public interface TlsEngine {
    /** What the handshake needs next. */
    enum Handshake {
        /** No handshake in progress: application data flows. */
        NOT_HANDSHAKING,
        /** The engine has handshake records to send: call {@link #wrap}. */
        NEED_WRAP,
        /** The engine waits for the peer's records: call {@link #unwrap} when they arrive. */
        NEED_UNWRAP,
        /** A slow step (certificate validation, key agreement) must run: {@link #delegatedTask()}. */
        NEED_TASK,
        /** The handshake just completed (reported once, by the wrap or unwrap that completed it). */
        FINISHED
    }

    /** How one {@link #wrap} or {@link #unwrap} ended. */
    enum Status {
        OK,
        /** {@link #unwrap}: the source does not hold a whole record yet. */
        NEED_INPUT,
        /** The destination is too small: it needs {@link #packetBufferSize()} or {@link #applicationBufferSize()}. */
        NEED_ROOM,
        /** The engine is closed in that direction (close_notify sent or received). */
        CLOSED
    }

    /**
     * @param status    how it ended
     * @param handshake what the handshake needs next
     * @param consumed  bytes taken from the source
     * @param produced  bytes put into the destination
     */
    record Result(Status status, Handshake handshake, int consumed, int produced) {
    }

    /** Starts the handshake; a client's first {@link #wrap} then produces its ClientHello. */
    void beginHandshake() throws SSLException;

    /** Encrypts application data from {@code source} (or makes handshake records) into {@code destination}. */
    Result wrap(ByteBuffer source, ByteBuffer destination) throws SSLException;

    /** Decrypts at most one record from {@code source} into {@code destination}. */
    Result unwrap(ByteBuffer source, ByteBuffer destination) throws SSLException;

    /** What the handshake needs now. */
    Handshake handshake();

    /** The next slow step to run when {@link #handshake()} is {@link Handshake#NEED_TASK}; null when none is left. */
    Runnable delegatedTask();

    /** Sends close_notify at the next {@link #wrap}. */
    void closeOutbound();

    /** Whether close_notify has been sent and nothing is left to wrap. */
    boolean isOutboundDone();

    /** The largest record the engine makes or reads, in bytes. */
    int packetBufferSize();

    /** The largest plaintext one record holds, in bytes. */
    int applicationBufferSize();

    /** The negotiated protocol, e.g. {@code TLSv1.3}; meaningful once the handshake finished. */
    String protocol();

    /** The negotiated cipher suite. */
    String cipherSuite();

    /** The negotiated ALPN protocol; empty when none was. */
    Optional<String> applicationProtocol();

    /** The peer's certificate chain, leaf first; empty when it presented none (or uses a pre-shared key). */
    Optional<X509Certificate[]> peerCertificates();

    /** The TLS-PSK identity the handshake used; empty for a certificate handshake. */
    default Optional<String> pskIdentity() {
        return Optional.empty();
    }
}
