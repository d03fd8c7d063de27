package dev.radsec.management;

import java.util.List;

/**
 * One relay ({@code dev.radsec.relay} configuration), {@code dev.radsec:type=Relay,name=<name>}: NAS requests
 * counted per client network, and in total; and its settings.
 *
 * <p>Settings are the keys of {@code dev.radsec.relay} ({@code ListenAddress} is {@code listen-address}); their JMX
 * description is the key's metatype. They read as stored in the relay's cfg file, else as their default, and are
 * writable: a write goes through ConfigAdmin into {@code etc/dev.radsec.relay-<name>.cfg}, validated as the file is
 * (an invalid value fails with {@code key: reason} and the running relay stays). The secret reads as {@code ******}
 * when set and empty when not. Create and remove relays with {@link RelaysMXBean}.
 */
public interface RelayMXBean {
    /** The relay's name: its {@code name} key, else the name of its file. Read-only: a new name is a new relay. */
    String getName();

    /** Its listeners, e.g. {@code relay-default-auth}, {@code relay-default-acct}. */
    String[] getListeners();

    /** The ordered destination ids it forwards to, as it runs. */
    int[] getDestinations();

    /** {@code destinations}: the ordered destination ids to forward to, for failover. */
    void setDestinations(int[] ids);

    /**
     * One row per client network (CIDR, most specific first, then {@code unknown} for sources outside them all),
     * see {@link ClientNetworkCounters}.
     */
    List<ClientNetworkCounters> getNetworks();

    long getRequests();

    long getForwarded();

    long getDroppedUnknownClient();

    long getBadAuthenticator();

    long getDuplicates();

    long getNoDestination();

    long getMalformed();

    /** Status-Server requests answered by the relay itself. */
    long getStatusServer();

    /**
     * Requests sent to each destination first, by destination id (its destinations and its realms', ascending): the
     * destination the relay's {@code balance} chose, or with {@code failover} the first one that was up. The share
     * each takes; the transport moves a request on only when the chosen one turns out unavailable at that moment.
     *
     * @since 0.5
     */
    java.util.Map<Integer, Long> getShares();

    // ---------------------------------------------------------------- accounting spool

    /**
     * Accounting-Requests no destination took that the relay stored in its accounting spool and answered to the NAS,
     * since it started.
     *
     * @since 0.6
     */
    long getAccountingSpooled();

    /** Stored Accounting-Requests a destination has answered since the relay started. @since 0.6 */
    long getAccountingReplayed();

    /**
     * Accounting-Requests left unanswered because the spool was full ({@code accounting-spool-max}) or could not be
     * written: the NAS keeps and resends them. @since 0.6
     */
    long getAccountingSpoolFull();

    /** NAS retransmissions of a stored request (same Acct-Session-Id, Acct-Status-Type, Event-Timestamp): answered, not stored twice. @since 0.6 */
    long getAccountingDuplicates();

    /** Torn or corrupt records (a crash during a write) found in the spool's files and discarded, never sent. @since 0.6 */
    long getAccountingTorn();

    /** Accounting-Requests waiting in the spool now. @since 0.6 */
    long getAccountingSpoolRecords();

    /** The size of the spool's files now, in bytes. @since 0.6 */
    long getAccountingSpoolBytes();

    // ---------------------------------------------------------------- settings (cfg keys)

    /** {@code protocol}: {@code udp} (NAS devices), {@code radsec} or {@code dtls} (access points). */
    String getProtocol();

    void setProtocol(String protocol);

    /** {@code listen-address}: the address the relay's ports bind. */
    String getListenAddress();

    void setListenAddress(String address);

    /** {@code auth-port}: udp, authentication. */
    int getAuthPort();

    void setAuthPort(int port);

    /** {@code acct-port}: udp, accounting. */
    int getAcctPort();

    void setAcctPort(int port);

    /** {@code port}: radsec and dtls. */
    int getPort();

    void setPort(int port);

    /** {@code clients}: NAS networks in CIDR, each optionally with its own secret (each secret reads ******; written back so, it stays). */
    String getClients();

    void setClients(String clients);

    /** {@code secret}: the NAS shared secret for networks listed without one. */
    String getSecret();

    void setSecret(String secret);

    /** {@code realms}: realm routing, {@code example.org=2, *=1}. */
    String getRealms();

    void setRealms(String realms);

    /** {@code balance}: {@code failover}, {@code round-robin} or {@code keyed}. @since 0.5 */
    String getBalance();

    void setBalance(String balance);

    /** {@code balance-key}: keyed, the attributes whose values are an Access-Request's key. @since 0.5 */
    String getBalanceKey();

    void setBalanceKey(String attributes);

    /** {@code weights}: round-robin and keyed, destination id:weight, {@code 11:2, 12:1}. @since 0.5 */
    String getWeights();

    void setWeights(String weights);

    /** {@code realm}: the realm of User-Names without one. */
    String getRealm();

    void setRealm(String realm);

    /** {@code realm-append}: append {@code @realm} to User-Names without one before forwarding. */
    boolean isRealmAppend();

    void setRealmAppend(boolean append);

    /** {@code coa-port}: where NAS devices take CoA and Disconnect requests. */
    int getCoaPort();

    void setCoaPort(int port);

    /** {@code require-message-auth}: {@code true}, {@code false} or {@code auto}. */
    String getRequireMessageAuth();

    void setRequireMessageAuth(String require);

    /** {@code reject-when-unavailable}: answer Access-Reject when no destination answers. */
    boolean isRejectWhenUnavailable();

    void setRejectWhenUnavailable(boolean reject);

    /** {@code tls-certificate}: radsec and dtls, our certificate. */
    String getTlsCertificate();

    void setTlsCertificate(String name);

    /** {@code tls-psk}: radsec, names of PKI pre-shared keys access points may use. */
    String getTlsPsk();

    void setTlsPsk(String names);

    /** {@code tls-trust}: radsec and dtls, the trust store for access points. */
    String getTlsTrust();

    void setTlsTrust(String name);

    /** {@code allowed-peer-names}: names an access point's certificate must carry. */
    String getAllowedPeerNames();

    void setAllowedPeerNames(String names);

    /** {@code tls-timeout}: seconds an access point has to complete its handshake. */
    int getTlsTimeout();

    void setTlsTimeout(int seconds);

    /** {@code mtu}: dtls, the largest datagram of a handshake flight. */
    int getMtu();

    void setMtu(int octets);

    /** {@code accounting-spool-max}: MiB of disk for Accounting-Requests no destination takes; 0: no spool. @since 0.6 */
    int getAccountingSpoolMax();

    void setAccountingSpoolMax(int mebibytes);

    /**
     * {@code rewrite-in}: the rewrites ({@code dev.radsec.rewrite} names, comma-separated, in order) applied to
     * requests as they arrive from a NAS. @since 0.6
     */
    String getRewriteIn();

    void setRewriteIn(String names);

    /** {@code rewrite-out}: the rewrites applied to answers as they leave for the NAS. @since 0.6 */
    String getRewriteOut();

    void setRewriteOut(String names);

    /** {@code realm-rewrites}: rewrites by realm, {@code example.org=visited, *=default}. @since 0.6 */
    String getRealmRewrites();

    void setRealmRewrites(String realmRewrites);
}
