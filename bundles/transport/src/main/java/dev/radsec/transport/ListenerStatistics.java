package dev.radsec.transport;

import dev.radsec.codec.PacketCode;
import java.util.Map;

/**
 * A snapshot of one listener's counters.
 *
 * @param name              the listener's name
 * @param requests          requests that verified and went to a handler
 * @param responses         answers sent; cached answers to duplicates not included
 * @param duplicates        UDP retransmissions recognised (RFC 5080) and answered from the cache, or dropped while
 *                          in progress
 * @param unknownClients    requests from addresses outside the configured client networks, dropped
 * @param badAuthenticators requests whose authenticator or Message-Authenticator did not verify, or lacked a
 *                          required one
 * @param malformed         datagrams or frames that are not RADIUS, dropped
 * @param dropped           requests no handler answered (none registered, it failed, or it chose not to answer)
 * @param requestsByCode    verified requests by code; see {@link #requests(PacketCode)}
 * @param responsesByCode   answers sent by code; see {@link #responses(PacketCode)}
 * @param tlsRefused        RadSec connections that ended without a completed handshake with an accepted client
 *                          certificate
 * @param dtls              for a {@code protocol = dtls} listener, its DTLS counters; zeros for any other
 */
public record ListenerStatistics(String name, long requests, long responses, long duplicates, long unknownClients,
                                 long badAuthenticators, long malformed, long dropped,
                                 Map<PacketCode, Long> requestsByCode, Map<PacketCode, Long> responsesByCode,
                                 long tlsRefused, Dtls dtls) {
    /**
     * A DTLS listener's own counters.
     *
     * @param sessions        DTLS sessions open now
     * @param handshakes      handshakes completed
     * @param retransmissions handshake flights sent again because the client's answer did not come (RFC 6347)
     * @param cookies         ClientHellos answered with a HelloVerifyRequest
     * @param cookieFailures  ClientHellos whose cookie was wrong
     * @param dropped         datagrams from addresses without a session that were no ClientHello, or came beyond
     *                        {@code max-sessions}
     */
    public record Dtls(long sessions, long handshakes, long retransmissions, long cookies, long cookieFailures,
                       long dropped) {
        /** A listener that is not DTLS. */
        public static final Dtls NONE = new Dtls(0, 0, 0, 0, 0, 0);
    }

    public ListenerStatistics {
        requestsByCode = Map.copyOf(requestsByCode);
        responsesByCode = Map.copyOf(responsesByCode);
    }

    /** Counters without the per-code breakdown or TLS refusals. */
    public ListenerStatistics(String name, long requests, long responses, long duplicates, long unknownClients,
                              long badAuthenticators, long malformed, long dropped) {
        this(name, requests, responses, duplicates, unknownClients, badAuthenticators, malformed, dropped, Map.of(),
                Map.of(), 0, Dtls.NONE);
    }

    /** Verified requests of one code, e.g. {@link PacketCode#COA_REQUEST}. */
    public long requests(PacketCode code) {
        return requestsByCode.getOrDefault(code, 0L);
    }

    /** Answers sent of one code, e.g. {@link PacketCode#COA_ACK}; cached answers to duplicates not included. */
    public long responses(PacketCode code) {
        return responsesByCode.getOrDefault(code, 0L);
    }

    @Override
    public String toString() {
        return "listener " + name + ": requests " + requests + ", responses " + responses + ", duplicates " + duplicates
                + ", unknown-clients " + unknownClients + ", bad-authenticators " + badAuthenticators + ", malformed "
                + malformed + ", dropped " + dropped;
    }
}
