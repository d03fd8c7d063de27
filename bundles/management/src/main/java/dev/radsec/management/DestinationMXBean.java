package dev.radsec.management;

/**
 * One destination ({@code dev.radsec.destination} configuration), {@code dev.radsec:type=Destination,id=<id>}.
 *
 * <p>Configuration attributes carry the cfg key in their description and are writable: a write is applied through
 * ConfigAdmin and persisted in the destination's cfg file; settings that need no new connection apply at once,
 * others (address, certificate, TLS) drain the old connection. Statistics have the names and meanings of MikroTik
 * {@code /radius monitor}.
 */
public interface DestinationMXBean {
    // ---------------------------------------------------------------- configuration (cfg keys)

    /** {@code id}, 1-65535. Read-only: a new id is a new destination. */
    int getId();

    /** {@code address}: host name or IP address of the server. */
    String getAddress();

    void setAddress(String address);

    /** {@code protocol}: {@code radsec} or {@code udp}. */
    String getProtocol();

    void setProtocol(String protocol);

    /** {@code port}, 1-65535; 2083 for RadSec, 1812 for UDP. */
    int getPort();

    void setPort(int port);

    /** {@code accounting-port}, 1-65535 (UDP only); 1813. */
    int getAccountingPort();

    void setAccountingPort(int port);

    /** {@code secret}: always reads {@code ******}; writing sets it. */
    String getSecret();

    void setSecret(String secret);

    /** {@code id-reuse-timeout}, 60-3600 s; 120. */
    int getIdReuseTimeout();

    void setIdReuseTimeout(int seconds);

    /** {@code max-tx-buffers}, 32-3200; 100: requests that may wait for a free Identifier. */
    int getMaxTxBuffers();

    void setMaxTxBuffers(int buffers);

    /** {@code max-outstanding}, 1-2048: requests in flight at once. */
    int getMaxOutstanding();

    void setMaxOutstanding(int requests);

    /** {@code source-address}: the local address to send from; empty for any. */
    String getSourceAddress();

    void setSourceAddress(String address);

    /** {@code tls-certificate}: name of a PKI local certificate. */
    String getTlsCertificate();

    void setTlsCertificate(String name);

    /** {@code tls-trust}: name of a PKI trust store; {@code default}. */
    String getTlsTrust();

    void setTlsTrust(String name);

    /** {@code tls-min-version}: {@code v1.2} or {@code v1.3}. */
    String getTlsMinVersion();

    void setTlsMinVersion(String version);

    /** {@code tls-peer-name}: the name the server certificate must carry; the address by default. */
    String getTlsPeerName();

    void setTlsPeerName(String name);

    /** {@code tls-timeout}, 3-90 s; 5. */
    int getTlsTimeout();

    void setTlsTimeout(int seconds);

    /** {@code timeout}, 1-300 s. */
    int getTimeout();

    void setTimeout(int seconds);

    /** {@code retries}, 0-10 (UDP only). */
    int getRetries();

    void setRetries(int retries);

    /**
     * {@code require-message-auth}: {@code true}, {@code false} or {@code auto}. Whether answers to Access-Request
     * must carry Message-Authenticator (BlastRADIUS); {@code auto} requires it once the server sent one outside
     * EAP. Default {@code false} for radsec (TLS protects the answer), {@code auto} for udp.
     */
    String getRequireMessageAuth();

    void setRequireMessageAuth(String require);

    /** {@code status-server}, 0-3600 s: watchdog interval, 0 off. */
    int getStatusServer();

    void setStatusServer(int seconds);

    /** {@code idle-timeout}, 0-86400 s: close an idle connection, 0 never. */
    int getIdleTimeout();

    void setIdleTimeout(int seconds);

    /** {@code dynamic-requests}: CoA/Disconnect from the server are routed to the NAS. */
    boolean isDynamicRequests();

    void setDynamicRequests(boolean on);

    // ---------------------------------------------------------------- live state

    /** {@code CONNECTING}, {@code UP}, {@code DOWN} or {@code IDLE}; {@code NOT RUNNING} when the configuration was rejected. */
    String getState();

    boolean isUp();

    /** Connections up. */
    int getConnections();

    /** The negotiated TLS version of the last connection, empty for UDP or before any. */
    String getTlsVersion();

    String getCipherSuite();

    /** The server certificate's subject. */
    String getPeerSubject();

    /** The server certificate's notAfter, ISO-8601. */
    String getPeerNotAfter();

    // ---------------------------------------------------------------- statistics (MikroTik /radius monitor)

    /** Requests waiting for an answer or for an Identifier. */
    long getPending();

    long getRequests();

    long getAccepts();

    long getRejects();

    long getChallenges();

    /** Retransmissions (UDP). */
    long getResends();

    long getTimeouts();

    /** Answers that failed verification or matched nothing in flight. */
    long getBadReplies();

    long getMalformed();

    /** Round-trip time of the last answered request, ms. */
    long getLastRequestRtt();

    // ---------------------------------------------------------------- operations

    /** Sets every counter to zero. */
    void resetStatistics();

    /** Opens a new connection; the current one drains (nothing in flight is lost). */
    void reconnect();

    /**
     * Sends a PAP Access-Request (with Message-Authenticator) for {@code user} and waits for its end.
     *
     * @return e.g. {@code Access-Accept in 3 ms} followed by the reply attributes, one per line; or why none came
     */
    String testAuthentication(String user, String password);
}
