package dev.radsec.management;

/**
 * One running listener (a relay's port, {@code incoming}, a {@code dev.radsec.listener} configuration),
 * {@code dev.radsec:type=Listener,name=<name>}: its counters, read-only. For a DTLS listener also its sessions,
 * handshakes, retransmissions and cookie exchange; zeros for any other. Sends a notification when the listener
 * binds, fails to, or stops ({@link Notifications}).
 */
public interface ListenerMXBean {
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
}
