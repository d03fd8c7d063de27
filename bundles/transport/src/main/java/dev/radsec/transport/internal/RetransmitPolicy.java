package dev.radsec.transport.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a request in flight is sent again, and when it times out: a property of the transport, supplied by its
 * {@link Link.Factory}, so the destination itself has no protocol branches.
 */
interface RetransmitPolicy {
    /** The wait after the first transmission before {@link #next} is asked. */
    Duration first(DestinationSettings s, Exchange x, Instant now);

    /** A wait ran out: the wait after a retransmission, or null when the request times out now. */
    Duration next(DestinationSettings s, Exchange x, Backoff backoff);

    /** How a timeout is described: after what. */
    String timedOut(DestinationSettings s, Exchange x);

    /**
     * Over TLS (and DTLS) a request is never sent again (radiusdtls-bis): {@code timeout} is the whole wait,
     * counted from submission, queueing included.
     */
    RetransmitPolicy NEVER = new RetransmitPolicy() {
        @Override
        public Duration first(DestinationSettings s, Exchange x, Instant now) {
            Duration left = s.timeout.minus(Duration.between(x.submittedAt, now));
            return left.isNegative() ? Duration.ZERO : left;
        }

        @Override
        public Duration next(DestinationSettings s, Exchange x, Backoff backoff) {
            return null;
        }

        @Override
        public String timedOut(DestinationSettings s, Exchange x) {
            return "within " + s.timeoutText();
        }
    };

    /** Over UDP: {@code retries} retransmissions, RFC 5080 timers starting at {@code timeout}. */
    RetransmitPolicy RFC_5080 = new RetransmitPolicy() {
        @Override
        public Duration first(DestinationSettings s, Exchange x, Instant now) {
            return s.timeout;
        }

        @Override
        public Duration next(DestinationSettings s, Exchange x, Backoff backoff) {
            return x.transmissions > s.retries ? null : backoff.nextRetransmit(x.retransmitTime);
        }

        @Override
        public String timedOut(DestinationSettings s, Exchange x) {
            return "after " + x.transmissions + " transmissions";
        }
    };
}
