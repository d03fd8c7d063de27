package dev.radsec.transport;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one destination's counters (RFC 4668 names and MikroTik {@code /radius monitor} meanings) and
 * connection state.
 *
 * @param id                   the destination id
 * @param state                its connection state
 * @param pending              requests sent and not yet answered or timed out
 * @param requests             requests sent (first transmissions)
 * @param accepts              Access-Accepts received
 * @param rejects              Access-Rejects received
 * @param challenges           Access-Challenges received
 * @param resends              UDP retransmissions
 * @param timeouts             requests that ended unanswered
 * @param badReplies           replies dropped because they did not verify: wrong authenticator,
 *                             Message-Authenticator or Identifier
 * @param malformed            replies dropped because they did not parse
 * @param unknownTypes         replies whose packet code does not answer the request
 * @param queueFull            requests refused because {@code max-tx-buffers} were in use
 * @param lastRequestRttMillis round-trip time of the last answered request, in milliseconds; 0 before any
 * @param connections          open connections (RadSec) or sockets (UDP)
 * @param tlsVersion           negotiated TLS version of the newest connection (RadSec only)
 * @param cipherSuite          negotiated cipher suite of the newest connection (RadSec only)
 * @param peerSubject          the server certificate's subject on the newest connection (RadSec only)
 * @param peerNotAfter         when that certificate expires (RadSec only)
 * @param unavailable          requests refused at once because the destination was down, disabled or removed
 *                             (each failed with {@link DestinationUnavailableException})
 */
public record DestinationStatistics(int id, State state, long pending, long requests, long accepts, long rejects,
                                    long challenges, long resends, long timeouts, long badReplies, long malformed,
                                    long unknownTypes, long queueFull, long lastRequestRttMillis, int connections,
                                    Optional<String> tlsVersion, Optional<String> cipherSuite,
                                    Optional<String> peerSubject, Optional<Instant> peerNotAfter, long unavailable) {

    /** Without {@code unavailable} (zero), as before 0.7. */
    public DestinationStatistics(int id, State state, long pending, long requests, long accepts, long rejects,
                                 long challenges, long resends, long timeouts, long badReplies, long malformed,
                                 long unknownTypes, long queueFull, long lastRequestRttMillis, int connections,
                                 Optional<String> tlsVersion, Optional<String> cipherSuite,
                                 Optional<String> peerSubject, Optional<Instant> peerNotAfter) {
        this(id, state, pending, requests, accepts, rejects, challenges, resends, timeouts, badReplies, malformed,
                unknownTypes, queueFull, lastRequestRttMillis, connections, tlsVersion, cipherSuite, peerSubject,
                peerNotAfter, 0);
    }

    /**
     * Connection state: CONNECTING before the first connection is up; UP; DOWN after connections failed (requests
     * fail at once while reconnecting), or, for a UDP destination with {@code status-server = 0}, after
     * {@code retries} requests in a row (at least one) went unanswered, until it is tried again after the reconnect
     * backoff; IDLE when {@code idle-timeout} closed the connection, which the next
     * request opens again; DISABLED while the {@code disabled} key is set: no connection is made, and requests fail
     * at once.
     */
    public enum State { CONNECTING, UP, DOWN, IDLE, DISABLED }

    @Override
    public String toString() {
        return "destination " + id + " " + state + ": pending " + pending + ", requests " + requests + ", accepts "
                + accepts + ", rejects " + rejects + ", challenges " + challenges + ", resends " + resends
                + ", timeouts " + timeouts + ", bad-replies " + badReplies + ", malformed " + malformed
                + ", unknown-types " + unknownTypes + ", unavailable " + unavailable + ", last-rtt " + lastRequestRttMillis
                + " ms";
    }
}
