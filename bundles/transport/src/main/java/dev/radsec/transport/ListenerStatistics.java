package dev.radsec.transport;

import dev.radsec.codec.PacketCode;
import java.util.Map;

/** A snapshot of one listener's counters. Immutable. */
public final class ListenerStatistics {
    private final String name;
    private final long requests;
    private final long responses;
    private final long duplicates;
    private final long unknownClients;
    private final long badAuthenticators;
    private final long malformed;
    private final long dropped;
    private final Map<PacketCode, Long> requestsByCode;
    private final Map<PacketCode, Long> responsesByCode;
    private final long tlsRefused;

    public ListenerStatistics(String name, long requests, long responses, long duplicates, long unknownClients,
                              long badAuthenticators, long malformed, long dropped) {
        this(name, requests, responses, duplicates, unknownClients, badAuthenticators, malformed, dropped, Map.of(),
                Map.of(), 0);
    }

    public ListenerStatistics(String name, long requests, long responses, long duplicates, long unknownClients,
                              long badAuthenticators, long malformed, long dropped,
                              Map<PacketCode, Long> requestsByCode, Map<PacketCode, Long> responsesByCode,
                              long tlsRefused) {
        this.tlsRefused = tlsRefused;
        this.requestsByCode = Map.copyOf(requestsByCode);
        this.responsesByCode = Map.copyOf(responsesByCode);
        this.name = name;
        this.requests = requests;
        this.responses = responses;
        this.duplicates = duplicates;
        this.unknownClients = unknownClients;
        this.badAuthenticators = badAuthenticators;
        this.malformed = malformed;
        this.dropped = dropped;
    }

    public String name() {
        return name;
    }

    /** Requests that verified and went to a handler. */
    public long requests() {
        return requests;
    }

    public long responses() {
        return responses;
    }

    /** UDP retransmissions recognised (RFC 5080) and answered from the cache, or dropped while in progress. */
    public long duplicates() {
        return duplicates;
    }

    /** Requests from addresses outside the configured client networks, dropped. */
    public long unknownClients() {
        return unknownClients;
    }

    /** Requests whose authenticator or Message-Authenticator did not verify, or lacked a required one. */
    public long badAuthenticators() {
        return badAuthenticators;
    }

    public long malformed() {
        return malformed;
    }

    /** Verified requests of one code, e.g. {@link PacketCode#COA_REQUEST}. */
    public long requests(PacketCode code) {
        return requestsByCode.getOrDefault(code, 0L);
    }

    /** Answers sent of one code, e.g. {@link PacketCode#COA_ACK}; cached answers to duplicates not included. */
    public long responses(PacketCode code) {
        return responsesByCode.getOrDefault(code, 0L);
    }

    /** RadSec connections that ended without a completed handshake with an accepted client certificate. */
    public long tlsRefused() {
        return tlsRefused;
    }

    /** Requests no handler answered (none registered, it failed, or it chose not to answer). */
    public long dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return "listener " + name + ": requests " + requests + ", responses " + responses + ", duplicates " + duplicates
                + ", unknown-clients " + unknownClients + ", bad-authenticators " + badAuthenticators + ", malformed "
                + malformed + ", dropped " + dropped;
    }
}
