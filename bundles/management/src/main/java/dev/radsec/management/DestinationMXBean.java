package dev.radsec.management;

import dev.radsec.transport.DestinationKeys;

/**
 * One destination ({@code dev.radsec.destination} configuration), {@code dev.radsec:type=Destination,id=<id>}.
 *
 * <p>Configuration attributes are the keys of {@link DestinationKeys} ({@code IdReuseTimeout} is
 * {@code id-reuse-timeout}); their JMX description is the key's: meaning, range or choices, default, and whether a
 * change reconnects. They are writable: a write is applied through ConfigAdmin and persisted in the destination's
 * cfg file; settings that need no new connection apply at once, others (address, certificate, TLS) drain the old
 * connection. Statistics have the names and meanings of MikroTik {@code /radius monitor}.
 * Each change of {@code State} (DOWN, UP, ...) is sent as a notification ({@link Notifications}).
 */
public interface DestinationMXBean {
    // ---------------------------------------------------------------- configuration (cfg keys)

    /** {@code id}: {@link DestinationKeys#ID}. Read-only: a new id is a new destination. */
    int getId();

    /** {@code address}: {@link DestinationKeys#ADDRESS}. */
    String getAddress();

    void setAddress(String address);

    /** {@code protocol}: {@link DestinationKeys#PROTOCOL}. */
    String getProtocol();

    void setProtocol(String protocol);

    /** {@code port}: {@link DestinationKeys#PORT}. */
    int getPort();

    void setPort(int port);

    /** {@code accounting-port}: {@link DestinationKeys#ACCOUNTING_PORT}. */
    int getAccountingPort();

    void setAccountingPort(int port);

    /** {@code secret}: {@link DestinationKeys#SECRET}. */
    String getSecret();

    void setSecret(String secret);

    /** {@code id-reuse-timeout}: {@link DestinationKeys#ID_REUSE_TIMEOUT}. */
    int getIdReuseTimeout();

    void setIdReuseTimeout(int seconds);

    /** {@code max-tx-buffers}: {@link DestinationKeys#MAX_TX_BUFFERS}. */
    int getMaxTxBuffers();

    void setMaxTxBuffers(int buffers);

    /** {@code max-outstanding}: {@link DestinationKeys#MAX_OUTSTANDING}. */
    int getMaxOutstanding();

    void setMaxOutstanding(int requests);

    /** {@code source-address}: {@link DestinationKeys#SOURCE_ADDRESS}. */
    String getSourceAddress();

    void setSourceAddress(String address);

    /** {@code tls-certificate}: {@link DestinationKeys#TLS_CERTIFICATE}. */
    String getTlsCertificate();

    void setTlsCertificate(String name);

    /** {@code mtu}: {@link DestinationKeys#MTU}. */
    int getMtu();

    void setMtu(int octets);

    /** {@code tls-psk}: {@link DestinationKeys#TLS_PSK}, the name of a PKI pre-shared key (never the key). */
    String getTlsPsk();

    void setTlsPsk(String name);

    /** {@code tls-trust}: {@link DestinationKeys#TLS_TRUST}. */
    String getTlsTrust();

    void setTlsTrust(String name);

    /** {@code tls-min-version}: {@link DestinationKeys#TLS_MIN_VERSION}. */
    String getTlsMinVersion();

    void setTlsMinVersion(String version);

    /** {@code tls-peer-name}: {@link DestinationKeys#TLS_PEER_NAME}. */
    String getTlsPeerName();

    void setTlsPeerName(String name);

    /** {@code tls-timeout}: {@link DestinationKeys#TLS_TIMEOUT}. */
    int getTlsTimeout();

    void setTlsTimeout(int seconds);

    /**
     * {@code timeout}: {@link DestinationKeys#TIMEOUT}, in whole seconds, rounded up ({@code 300ms} reads 1); see
     * {@link #getTimeoutMillis()} for the exact value. Written, it sets whole seconds.
     */
    int getTimeout();

    void setTimeout(int seconds);

    /**
     * {@code timeout}: {@link DestinationKeys#TIMEOUT}, exact, in milliseconds ({@code 300ms} reads 300, {@code 5}
     * reads 5000). Written, it sets {@code <millis>ms}, within 100-300000.
     */
    long getTimeoutMillis();

    void setTimeoutMillis(long millis);

    /** {@code retries}: {@link DestinationKeys#RETRIES}. */
    int getRetries();

    void setRetries(int retries);

    /** {@code require-message-auth}: {@link DestinationKeys#REQUIRE_MESSAGE_AUTH}. */
    String getRequireMessageAuth();

    void setRequireMessageAuth(String require);

    /** {@code status-server}: {@link DestinationKeys#STATUS_SERVER}. */
    int getStatusServer();

    void setStatusServer(int seconds);

    /** {@code idle-timeout}: {@link DestinationKeys#IDLE_TIMEOUT}. */
    int getIdleTimeout();

    void setIdleTimeout(int seconds);

    /**
     * {@code reconnect-demand-cap}: {@link DestinationKeys#RECONNECT_DEMAND_CAP}, in whole seconds, rounded up
     * ({@code 500ms} reads 1); see {@link #getReconnectDemandCapMillis()} for the exact value.
     */
    int getReconnectDemandCap();

    void setReconnectDemandCap(int seconds);

    /** {@code reconnect-demand-cap}, exact, in milliseconds. Written, it sets {@code <millis>ms}, within 0-60000. */
    long getReconnectDemandCapMillis();

    void setReconnectDemandCapMillis(long millis);

    /** {@code dynamic-requests}: {@link DestinationKeys#DYNAMIC_REQUESTS}. */
    boolean isDynamicRequests();

    void setDynamicRequests(boolean on);

    /**
     * {@code disabled}: {@link DestinationKeys#DISABLED} (MikroTik {@code /radius disable}). While true the
     * configuration stays, no connection is made, {@link #getState()} reads {@code DISABLED}, and requests fail at once
     * as unavailable; setting it false connects again.
     */
    boolean isDisabled();

    void setDisabled(boolean disabled);

    /** {@code comment}: {@link DestinationKeys#COMMENT}, free text shown in listings. */
    String getComment();

    void setComment(String comment);

    /**
     * {@code service}: {@link DestinationKeys#SERVICE}, {@code login}, {@code relay} or {@code login,relay}: who uses
     * the destination. Written, one or both words, comma-separated.
     */
    String getService();

    void setService(String service);

    /**
     * {@code called-id}: {@link DestinationKeys#CALLED_ID}, the Called-Station-Id pattern ({@code *}, {@code ?}, case
     * ignored) of the requests a failover list gives this destination; empty for all.
     */
    String getCalledId();

    void setCalledId(String pattern);

    /**
     * {@code domain}: {@link DestinationKeys#DOMAIN}, the Windows domain put before the User-Name of MS-CHAP requests
     * sent to this destination; empty for none.
     */
    String getDomain();

    void setDomain(String domain);

    /**
     * {@code accounting-backup}: {@link DestinationKeys#ACCOUNTING_BACKUP}: in a failover list, this destination takes
     * Accounting-Requests only when the others are unavailable, and no other request.
     */
    boolean isAccountingBackup();

    void setAccountingBackup(boolean backup);

    /**
     * {@code rewrite-in}: {@link DestinationKeys#REWRITE_IN}, the rewrites ({@code dev.radsec.rewrite} names,
     * comma-separated, in order) a relay applies to this destination's answers; empty for none.
     *
     * @since 0.6
     */
    String getRewriteIn();

    void setRewriteIn(String names);

    /**
     * {@code rewrite-out}: {@link DestinationKeys#REWRITE_OUT}, the rewrites a relay applies to requests it sends this
     * destination; empty for none.
     *
     * @since 0.6
     */
    String getRewriteOut();

    void setRewriteOut(String names);

    // ---------------------------------------------------------------- live state

    /**
     * {@code CONNECTING}, {@code UP}, {@code DOWN}, {@code IDLE} or {@code DISABLED}; {@code NOT RUNNING} when the
     * configuration was rejected.
     */
    String getState();

    boolean isUp();

    /** Connections up. */
    int getConnections();

    /** The negotiated TLS version of the last connection, empty for UDP or before any. */
    String getTlsVersion();

    String getCipherSuite();

    /** How the destination authenticates: {@code certificate}, {@code psk}, or empty for UDP. */
    String getTlsMode();

    /** The server certificate's subject; for a pre-shared key, {@code psk:<identity>}. */
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

    /** Requests refused at once because the destination was down, disabled or removed. */
    long getUnavailable();

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
