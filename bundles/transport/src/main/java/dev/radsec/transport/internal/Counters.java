package dev.radsec.transport.internal;

import dev.radsec.transport.DestinationStatistics;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A destination's counters; written from I/O and timer threads without locking. */
final class Counters {
    final LongAdder requests = new LongAdder();
    final LongAdder accepts = new LongAdder();
    final LongAdder rejects = new LongAdder();
    final LongAdder challenges = new LongAdder();
    final LongAdder resends = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder badReplies = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder unknownTypes = new LongAdder();
    final LongAdder queueFull = new LongAdder();
    /** Requests refused at once: the destination was down, disabled or removed. */
    final LongAdder unavailable = new LongAdder();
    /** CoA and Disconnect requests the server sent over our connection. */
    final LongAdder dynamicRequests = new LongAdder();
    final AtomicLong lastRttMillis = new AtomicLong();

    void reset() {
        for (LongAdder a : new LongAdder[] {requests, accepts, rejects, challenges, resends, timeouts, badReplies,
                malformed, unknownTypes, queueFull, unavailable, dynamicRequests}) {
            a.reset();
        }
        lastRttMillis.set(0);
    }

    /** The counters with the state they go with, as the API shows them. */
    DestinationStatistics snapshot(int id, DestinationStatistics.State state, long pending, int connections,
                                   LinkInfo info) {
        return new DestinationStatistics(id, state, pending, requests.sum(), accepts.sum(), rejects.sum(),
                challenges.sum(), resends.sum(), timeouts.sum(), badReplies.sum(), malformed.sum(), unknownTypes.sum(),
                queueFull.sum(), lastRttMillis.get(), connections, Optional.ofNullable(info.tlsVersion),
                Optional.ofNullable(info.cipherSuite), Optional.ofNullable(info.peerSubject()),
                Optional.ofNullable(info.peerNotAfter()), unavailable.sum());
    }
}
