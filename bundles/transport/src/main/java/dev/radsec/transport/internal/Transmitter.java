package dev.radsec.transport.internal;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.Scheduler;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Puts a destination's requests on links and sees each one in flight to its end: answered, sent again as the
 * transport's {@link RetransmitPolicy} says, or timed out, with its Identifier freed or rested. Runs under the
 * destination's monitor.
 */
final class Transmitter {
    private final SerialMonitor monitor;
    private final Scheduler timer;
    private final Supplier<DestinationSettings> settings;
    private final RadiusDictionary dictionary;
    private final SharedSecret secret;
    private final Counters counters;
    private final Backoff backoff;
    private final RetransmitPolicy policy;
    /** A request on {@code c} ended: a draining link may close, and the queue may move. */
    private final Consumer<Connection> ended;

    Transmitter(SerialMonitor monitor, Scheduler timer, Supplier<DestinationSettings> settings,
                RadiusDictionary dictionary, SharedSecret secret, Counters counters, Backoff backoff,
                RetransmitPolicy policy, Consumer<Connection> ended) {
        this.monitor = monitor;
        this.timer = timer;
        this.settings = settings;
        this.dictionary = dictionary;
        this.secret = secret;
        this.counters = counters;
        this.backoff = backoff;
        this.policy = policy;
        this.ended = ended;
    }

    void transmit(Connection c, int id, Exchange x, Instant now) {
        x.conn = c;
        x.id = id;
        // per destination, on a copy: the request as the caller built it stays for another destination
        x.wire = dictionary.codec().encodeRequest(WindowsDomain.apply(settings.get().domain, x.request), id, secret);
        x.sentAt = now;
        x.transmissions = 1;
        c.pending.put(id, x);
        if (!x.internal) {
            counters.requests.increment();
            c.lastActivity = now;
        }
        c.send(x.wire);
        x.retransmitTime = policy.first(settings.get(), x, now);
        x.deadline = timer.schedule(x.retransmitTime, () -> monitor.run(() -> waitRanOut(x)));
    }

    /** The wait for an answer ran out: send again, as the transport's policy says, or time out. */
    private void waitRanOut(Exchange x) {
        if (x.conn.pending.get(x.id) != x) {
            return;
        }
        Duration next = policy.next(settings.get(), x, backoff);
        if (next == null) {
            expire(x);
            return;
        }
        x.transmissions++;
        if (!x.internal) {
            counters.resends.increment();
        }
        x.conn.send(x.wire);
        x.retransmitTime = next;
        x.deadline = timer.schedule(next, () -> monitor.run(() -> waitRanOut(x)));
    }

    private void expire(Exchange x) {
        if (x.conn.pending.remove(x.id) != x) {
            return;
        }
        // The server may still answer this Identifier: it rests for id-reuse-timeout.
        x.conn.ids.rest(x.id, timer.clock().instant());
        if (!x.internal) {
            counters.timeouts.increment();
            x.conn.timeoutsInARow++;
        }
        DestinationSettings s = settings.get();
        x.fail(new RequestTimeoutException(s.id, "no answer from destination " + s.id + " " + policy.timedOut(s, x)));
        ended.accept(x.conn);
    }

    /** {@code x} got its verified answer on {@code c}. */
    void answered(Connection c, Exchange x, RadiusPacket response) {
        c.pending.remove(x.id);
        x.deadline.cancel();
        Instant now = timer.clock().instant();
        c.lastAnswer = now;
        c.answered = true;
        c.timeoutsInARow = 0;
        backoff.reset();
        // Answered: no late answer can follow (none over TLS; over UDP one would fail the next request's
        // authenticator check), so the Identifier is free at once.
        c.ids.release(x.id);
        if (!x.internal) {
            c.lastActivity = now;
            counters.lastRttMillis.set(Duration.between(x.sentAt, now).toMillis());
            PacketCode code = response.code();
            if (code == PacketCode.ACCESS_ACCEPT) {
                counters.accepts.increment();
            } else if (code == PacketCode.ACCESS_REJECT) {
                counters.rejects.increment();
            } else if (code == PacketCode.ACCESS_CHALLENGE) {
                counters.challenges.increment();
            }
        }
        x.complete(response);
        ended.accept(c);
    }
}
