package dev.radsec.management;

/**
 * One listener (a relay's port, {@code incoming}, a {@code dev.radsec.listener} configuration),
 * {@code dev.radsec:type=Listener,name=<name>}: its counters, and for a {@code dev.radsec.listener} configuration its
 * settings. For a DTLS listener also its sessions, handshakes, retransmissions and cookie exchange; zeros for any
 * other. Sends a notification when the listener binds, fails to, or stops ({@link Notifications}).
 *
 * <p>Settings are the keys of {@code dev.radsec.listener} ({@code TlsMinVersion} is {@code tls-min-version}), with
 * the key's metatype as their JMX description. They read as stored in the listener's cfg file, else as their
 * default, and are writable: a write goes through ConfigAdmin into {@code etc/dev.radsec.listener-<name>.cfg},
 * validated as the file is (an invalid value fails with {@code key: reason} and the running listener stays). The
 * secret reads as {@code ******} when set and empty when not. A listener that is no such configuration (a relay's
 * port, {@code incoming}) has empty settings here and refuses writes: they are its relay's or incoming's. Create and
 * remove listeners with {@link ListenersMXBean}.
 */
public interface ListenerMXBean {
    /** The listener's name (handlers select it with {@code radsec.listener}). Read-only. */
    String getName();

    /** Requests that verified and went to a handler. */
    long getRequests();

    /** Answers sent. */
    long getResponses();

    /** UDP and DTLS retransmissions recognised and answered from the cache, or dropped while in progress. */
    long getDuplicates();

    /** Requests from outside the configured client networks, dropped. */
    long getUnknownClients();

    /** Requests whose authenticator or Message-Authenticator did not verify, or lacked a required one. */
    long getBadAuthenticators();

    /** Datagrams or frames that are not RADIUS, dropped. */
    long getMalformed();

    /** Requests no handler answered. */
    long getDropped();

    /** RadSec connections and DTLS sessions that ended without a completed handshake with an accepted client. */
    long getTlsRefused();

    /** DTLS sessions open now. */
    long getDtlsSessions();

    /** DTLS handshakes completed. */
    long getDtlsHandshakes();

    /** DTLS handshake flights sent again because the client's answer did not come (RFC 6347). */
    long getDtlsRetransmissions();

    /** ClientHellos answered with a HelloVerifyRequest. */
    long getDtlsCookies();

    /** ClientHellos whose cookie was wrong. */
    long getDtlsCookieFailures();

    /** Datagrams from addresses without a session that were no ClientHello, or came beyond max-sessions. */
    long getDtlsDropped();

    // ---------------------------------------------------------------- settings (cfg keys)

    /** {@code protocol}: {@code radsec}, {@code udp} or {@code dtls}. */
    String getProtocol();

    void setProtocol(String protocol);

    /** {@code address}: the address to bind. */
    String getAddress();

    void setAddress(String address);

    /** {@code port}: 0 reads as not set (2083 for radsec and dtls, 1812 for udp). */
    int getPort();

    void setPort(int port);

    /** {@code clients}: client networks with their secrets (each secret reads ******; written back so, it stays). */
    String getClients();

    void setClients(String clients);

    /** {@code secret}: for client networks listed without one. */
    String getSecret();

    void setSecret(String secret);

    /** {@code tls-certificate}: radsec and dtls, our certificate. */
    String getTlsCertificate();

    void setTlsCertificate(String name);

    /** {@code tls-psk}: radsec, names of PKI pre-shared keys clients may use. */
    String getTlsPsk();

    void setTlsPsk(String names);

    /** {@code tls-trust}: the trust store for client certificates. */
    String getTlsTrust();

    void setTlsTrust(String name);

    /** {@code tls-min-version}: {@code v1.2} or {@code v1.3}. */
    String getTlsMinVersion();

    void setTlsMinVersion(String version);

    /** {@code tls-timeout}: seconds a client has to complete its handshake. */
    int getTlsTimeout();

    void setTlsTimeout(int seconds);

    /** {@code allowed-peer-names}: names a client certificate must carry. */
    String getAllowedPeerNames();

    void setAllowedPeerNames(String names);

    /** {@code require-message-auth}: {@code true}, {@code false} or {@code auto}. */
    String getRequireMessageAuth();

    void setRequireMessageAuth(String require);

    /** {@code duplicate-window}: seconds a UDP answer is kept for retransmissions. */
    int getDuplicateWindow();

    void setDuplicateWindow(int seconds);

    /** {@code max-sessions}: dtls, sessions at once. */
    int getMaxSessions();

    void setMaxSessions(int sessions);

    /** {@code idle-timeout}: dtls, seconds without a datagram before a session closes. */
    int getIdleTimeout();

    void setIdleTimeout(int seconds);

    /** {@code mtu}: dtls, the largest datagram of a handshake flight. */
    int getMtu();

    void setMtu(int octets);
}
