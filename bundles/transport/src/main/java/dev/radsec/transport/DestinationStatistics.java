package dev.radsec.transport;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one destination's counters (RFC 4668 names and MikroTik {@code /radius monitor} meanings) and
 * connection state. Immutable.
 */
public final class DestinationStatistics {

    /**
     * Connection state: CONNECTING before the first connection is up; UP; DOWN after connections failed (requests
     * fail at once while reconnecting); IDLE when {@code idle-timeout} closed the connection, which the next
     * request opens again.
     */
    public enum State { CONNECTING, UP, DOWN, IDLE }

    private final int id;
    private final State state;
    private final long pending;
    private final long requests;
    private final long accepts;
    private final long rejects;
    private final long challenges;
    private final long resends;
    private final long timeouts;
    private final long badReplies;
    private final long malformed;
    private final long unknownTypes;
    private final long queueFull;
    private final long lastRequestRttMillis;
    private final int connections;
    private final String tlsVersion;
    private final String cipherSuite;
    private final String peerSubject;
    private final Instant peerNotAfter;

    public DestinationStatistics(int id, State state, long pending, long requests, long accepts, long rejects,
                                 long challenges, long resends, long timeouts, long badReplies, long malformed,
                                 long unknownTypes, long queueFull, long lastRequestRttMillis, int connections,
                                 String tlsVersion, String cipherSuite, String peerSubject, Instant peerNotAfter) {
        this.id = id;
        this.state = state;
        this.pending = pending;
        this.requests = requests;
        this.accepts = accepts;
        this.rejects = rejects;
        this.challenges = challenges;
        this.resends = resends;
        this.timeouts = timeouts;
        this.badReplies = badReplies;
        this.malformed = malformed;
        this.unknownTypes = unknownTypes;
        this.queueFull = queueFull;
        this.lastRequestRttMillis = lastRequestRttMillis;
        this.connections = connections;
        this.tlsVersion = tlsVersion;
        this.cipherSuite = cipherSuite;
        this.peerSubject = peerSubject;
        this.peerNotAfter = peerNotAfter;
    }

    public int id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** Requests sent and not yet answered or timed out. */
    public long pending() {
        return pending;
    }

    /** Requests sent (first transmissions). */
    public long requests() {
        return requests;
    }

    public long accepts() {
        return accepts;
    }

    public long rejects() {
        return rejects;
    }

    public long challenges() {
        return challenges;
    }

    /** UDP retransmissions. */
    public long resends() {
        return resends;
    }

    public long timeouts() {
        return timeouts;
    }

    /** Replies dropped because they did not verify: wrong authenticator, Message-Authenticator or Identifier. */
    public long badReplies() {
        return badReplies;
    }

    /** Replies dropped because they did not parse. */
    public long malformed() {
        return malformed;
    }

    /** Replies whose packet code does not answer the request. */
    public long unknownTypes() {
        return unknownTypes;
    }

    /** Requests refused because {@code max-tx-buffers} were in use. */
    public long queueFull() {
        return queueFull;
    }

    /** Round-trip time of the last answered request, in milliseconds; 0 before any. */
    public long lastRequestRttMillis() {
        return lastRequestRttMillis;
    }

    public int connections() {
        return connections;
    }

    /** Negotiated TLS version of the newest connection (RadSec only). */
    public Optional<String> tlsVersion() {
        return Optional.ofNullable(tlsVersion);
    }

    public Optional<String> cipherSuite() {
        return Optional.ofNullable(cipherSuite);
    }

    public Optional<String> peerSubject() {
        return Optional.ofNullable(peerSubject);
    }

    public Optional<Instant> peerNotAfter() {
        return Optional.ofNullable(peerNotAfter);
    }

    @Override
    public String toString() {
        return "destination " + id + " " + state + ": pending " + pending + ", requests " + requests + ", accepts "
                + accepts + ", rejects " + rejects + ", challenges " + challenges + ", resends " + resends
                + ", timeouts " + timeouts + ", bad-replies " + badReplies + ", malformed " + malformed
                + ", unknown-types " + unknownTypes + ", last-rtt " + lastRequestRttMillis + " ms";
    }
}
