package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.codec.MessageAuthenticatorGate;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.DynamicRequestHandler;
import dev.radsec.transport.QueueFullException;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusTransportException;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one destination over one or more {@link Link}s and sees each to exactly one end: its
 * verified response, a timeout, or a typed failure.
 *
 * <ul>
 *   <li>Each link has its own 256 Identifiers ({@link IdentifierPool}); when every open link is out of them,
 *       another link is opened, up to {@link #MAX_LINKS}, and requests wait in a queue bounded by
 *       {@code max-tx-buffers}. A waiting request counts its wait against its {@code timeout}.</li>
 *   <li>A reply that does not parse or verify is counted and dropped; the request it claims to answer keeps
 *       waiting, and no other request is touched.</li>
 *   <li>UDP requests are retransmitted with RFC 5080 backoff; RadSec requests never are (radiusdtls-bis).</li>
 *   <li>When the last link goes down, queued requests fail as unavailable, and links are reopened with
 *       exponential backoff and jitter from 0.5 s to 60 s, forever.</li>
 * </ul>
 *
 * <p>Locking: state changes happen under this object's monitor; I/O (link writes and closes) and future
 * completions are queued while it is held and run after it is released. Links take their own locks (MINA's TLS
 * handler) and call back into this object, so doing I/O under the monitor would deadlock.
 */
final class DestinationClient {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationClient.class);
    /** Links per destination: 8 x 256 Identifiers in flight. */
    static final int MAX_LINKS = 8;
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** RFC 5080 section 2.2.1: maximum retransmission time. */
    static final Duration MAX_RETRANSMIT = Duration.ofSeconds(16);

    /** Replaced by {@link #update} for changes that need no new connection. */
    private volatile DestinationSettings settings;
    /** Asked per packet: an operator's dictionary reload takes effect at once. */
    private final RadiusDictionary dictionary;
    private final SharedSecret secret;
    private final Scheduler timer;
    private final Link.Factory links;
    /** Runs completions, and the I/O a link callback queued: never the thread that called in (see {@link #locked(Runnable)}). */
    private final java.util.concurrent.Executor io;
    /** Where CoA/Disconnect from the server go when dynamic-requests is on; null: nowhere (NAK 502). */
    private volatile DynamicRequestHandler router;
    private final Counters counters = new Counters();
    /** Message-Authenticator on answers to Access-Request, as require-message-auth says; replaced when it changes. */
    private MessageAuthenticatorGate gate;
    private final DroppedAnswerLog drops = new DroppedAnswerLog();

    private final List<Conn> conns = new ArrayList<>();
    private final Deque<Exchange> queue = new ArrayDeque<>();
    private DestinationStatistics.State state = DestinationStatistics.State.CONNECTING;
    private Duration backoff = MIN_BACKOFF;
    private Scheduler.Cancellable reconnect;
    private boolean closed;
    private LinkInfo lastInfo = LinkInfo.NONE;
    private String downReason = "not connected yet";
    /** Set by {@link #retire}: the reconfigured destination that takes requests from now on. */
    private volatile DestinationClient successor;
    /** Set by {@link #retire}: runs once the last draining link is gone. */
    private Runnable retired;

    /** Link writes and closes deferred until the monitor is released; see the class comment. */
    private final List<Runnable> deferredIo = new ArrayList<>();
    /** Future completions and routing deferred until the monitor is released: always on the I/O executor. */
    private final List<Runnable> deferred = new ArrayList<>();
    private int depth;

    /** A link and what travels on it. Its own listener, so a report made while it is being opened is not lost. */
    private final class Conn implements Link.Listener {
        Link link;
        final IdentifierPool ids = new IdentifierPool(settings.idReuseTimeout);
        final Map<Integer, Exchange> pending = new HashMap<>();
        boolean up;
        boolean gone;
        /** When the last verified answer arrived: the watchdog only probes a quiet link (RFC 3539). */
        Instant lastAnswer;
        Scheduler.Cancellable watchdog;
        /** The last request sent or answered (not watchdog probes): what idle-timeout measures. */
        Instant lastActivity;
        Scheduler.Cancellable idleCheck;
        boolean closingIdle;
        /** Takes no new requests; closes once its last one is answered or timed out (reconnect, reconfiguration). */
        boolean draining;

        @Override
        public void up(Link l, LinkInfo info) {
            fromLink(() -> linkUp(this, info));
        }

        @Override
        public void packet(Link l, byte[] packet) {
            fromLink(() -> received(this, packet));
        }

        @Override
        public void down(Link l, String reason) {
            fromLink(() -> linkDown(this, reason));
        }

        void close(String reason) {
            Link l = link;
            if (l != null) {
                deferredIo.add(() -> l.close(reason));
            }
        }

        void send(byte[] wire) {
            Link l = link;
            deferredIo.add(() -> l.send(wire));
        }
    }

    /** One request in flight or waiting. */
    private final class Exchange {
        final RadiusPacket request;
        final CompletableFuture<RadiusPacket> future = new CompletableFuture<>();
        final boolean internal;
        final Instant submittedAt;
        Conn conn;
        int id = -1;
        byte[] wire;
        Instant sentAt;
        Scheduler.Cancellable deadline;
        int transmissions;
        Duration retransmitTime;

        Exchange(RadiusPacket request, boolean internal, Instant submittedAt) {
            this.request = request;
            this.internal = internal;
            this.submittedAt = submittedAt;
        }

        /** Ends the request (at most once), after the monitor is released. */
        void complete(RadiusPacket response) {
            deferred.add(() -> future.complete(response));
        }

        void fail(RadiusTransportException e) {
            deferred.add(() -> future.completeExceptionally(e));
        }
    }

    DestinationClient(DestinationSettings settings, RadiusDictionary dictionary, Scheduler timer, Link.Factory links,
                      java.util.concurrent.Executor io) {
        this.io = io;
        this.settings = settings;
        this.dictionary = dictionary;
        this.secret = SharedSecret.of(settings.secret());
        this.timer = timer;
        this.links = links;
        this.gate = new MessageAuthenticatorGate(settings.requireMessageAuth);
        if (secret.isWeak() && settings.protocol == DestinationSettings.Protocol.UDP) {
            LOG.warn("Destination {}: the shared secret has 12 octets or fewer and can be guessed from captured packets",
                    settings.id);
        }
    }

    /**
     * Runs {@code action} under the monitor; then, with the monitor released, does the link I/O it queued on this
     * thread and hands the completions it queued to the I/O executor. Completions never run on the calling
     * thread: a user's callback may block or send more, and the caller may be an I/O thread.
     */
    private void locked(Runnable action) {
        locked(action, false);
    }

    /**
     * {@link #locked(Runnable)} for a link's own callbacks: a link calls in from its I/O thread while holding its TLS
     * handler's lock, so its I/O goes to the executor too. Writing to another link from here would wait for that
     * link's lock while its I/O thread, in its own callback, waits for ours.
     */
    private void fromLink(Runnable action) {
        locked(action, true);
    }

    private void locked(Runnable action, boolean onLinkThread) {
        List<Runnable> io = null;
        List<Runnable> completions = null;
        synchronized (this) {
            depth++;
            try {
                action.run();
            } finally {
                depth--;
                if (depth == 0) {
                    if (!deferredIo.isEmpty()) {
                        io = new ArrayList<>(deferredIo);
                        deferredIo.clear();
                    }
                    if (!deferred.isEmpty()) {
                        completions = new ArrayList<>(deferred);
                        deferred.clear();
                    }
                }
            }
        }
        if (io != null && onLinkThread) {
            if (completions != null) {
                io.addAll(completions);
            }
            completions = io;
        } else if (io != null) {
            runAll(io);
        }
        if (completions != null) {
            List<Runnable> work = completions;
            this.io.execute(() -> runAll(work));
        }
    }

    private void runAll(List<Runnable> actions) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("Destination {}: deferred action failed", settings.id, e);
            }
        }
    }

    private <T> T locked(Supplier<T> action) {
        Object[] result = new Object[1];
        locked(() -> {
            result[0] = action.get();
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    void start() {
        locked(this::openLink);
    }

    void router(DynamicRequestHandler router) {
        this.router = router;
    }

    /** Adds a link before opening it, so that whatever it reports, even at once, finds it. */
    private void openLink() {
        Conn c = new Conn();
        conns.add(c);
        c.link = links.open(c);
    }

    int id() {
        return settings.id;
    }

    // ---------------------------------------------------------------- submitting

    CompletableFuture<RadiusPacket> submit(RadiusPacket request) {
        CompletableFuture<RadiusPacket> accepted = locked(() -> {
            if (successor != null) {
                return null; // reconfigured: see below
            }
            Exchange x = new Exchange(request, false, timer.clock().instant());
            RadiusTransportException refused = admit();
            if (refused != null) {
                x.fail(refused);
                return x.future;
            }
            queue.add(x);
            // The wait in the queue counts against the timeout: a request never waits forever.
            x.deadline = timer.schedule(settings.timeout, () -> locked(() -> expireQueued(x)));
            dispatch();
            return x.future;
        });
        // a caller that found this client just before it was replaced is served by its successor
        return accepted != null ? accepted : successor.submit(request);
    }

    /** Why a new request cannot be taken now, or {@code null}. */
    private RadiusTransportException admit() {
        if (closed) {
            return new DestinationUnavailableException(settings.id, "destination " + settings.id + " was removed");
        }
        if (state == DestinationStatistics.State.DOWN) {
            return new DestinationUnavailableException(settings.id, "destination " + settings.id + " is down: " + downReason);
        }
        if (queue.size() >= settings.maxTxBuffers) {
            counters.queueFull.increment();
            return new QueueFullException(settings.id, "destination " + settings.id + " already has "
                    + settings.maxTxBuffers + " requests waiting (max-tx-buffers)");
        }
        return null;
    }

    /**
     * A request that could not even be sent within its timeout never reached the server: it ends as unavailable
     * (so a failover list moves on), not as a timeout, and is not counted as a request.
     */
    private void expireQueued(Exchange x) {
        if (queue.remove(x)) {
            x.fail(new DestinationUnavailableException(settings.id, "destination " + settings.id
                    + " could not send the request within " + settings.timeout.getSeconds() + " s ("
                    + (state == DestinationStatistics.State.UP ? "every Identifier in use" : "not connected") + ")"));
        }
    }

    /** Sends queued requests while some link has a free Identifier; opens another link when none has. */
    private void dispatch() {
        Instant now = timer.clock().instant();
        int outstanding = 0;
        for (Conn c : conns) {
            outstanding += c.pending.size();
        }
        while (!queue.isEmpty() && outstanding < settings.maxOutstanding) {
            Conn target = null;
            int id = -1;
            for (Conn c : conns) {
                if (c.up && !c.draining) {
                    id = c.ids.acquire(now);
                    if (id >= 0) {
                        target = c;
                        break;
                    }
                }
            }
            if (target == null) {
                boolean opening = conns.stream().anyMatch(c -> !c.up && !c.draining);
                if (state == DestinationStatistics.State.IDLE) {
                    state = DestinationStatistics.State.CONNECTING;
                    openLink();
                } else if (!opening && conns.stream().filter(c -> !c.draining).count() < MAX_LINKS
                        && state == DestinationStatistics.State.UP) {
                    openLink();
                }
                return;
            }
            Exchange x = queue.poll();
            x.deadline.cancel();
            transmit(target, id, x, now);
            outstanding++;
        }
    }

    private void transmit(Conn c, int id, Exchange x, Instant now) {
        x.conn = c;
        x.id = id;
        x.wire = dictionary.codec().encodeRequest(x.request.toBuilder().identifier(id).authenticator(null).build(), secret);
        x.sentAt = now;
        x.transmissions = 1;
        c.pending.put(id, x);
        if (!x.internal) {
            counters.requests.increment();
            c.lastActivity = now;
        }
        c.send(x.wire);
        if (settings.protocol == DestinationSettings.Protocol.UDP) {
            x.retransmitTime = settings.timeout;
            x.deadline = timer.schedule(x.retransmitTime, () -> locked(() -> retransmitOrExpire(x)));
        } else {
            Duration left = settings.timeout.minus(Duration.between(x.submittedAt, now));
            x.deadline = timer.schedule(left.isNegative() ? Duration.ZERO : left, () -> locked(() -> expire(x)));
        }
    }

    /** RFC 5080 section 2.2.1: RT = 2 * RTprev + RAND * RTprev, RAND in -0.1..0.1, capped by MRT. */
    private void retransmitOrExpire(Exchange x) {
        if (x.conn.pending.get(x.id) != x) {
            return;
        }
        if (x.transmissions > settings.retries) {
            expire(x);
            return;
        }
        x.transmissions++;
        if (!x.internal) {
            counters.resends.increment();
        }
        x.conn.send(x.wire);
        long rt = x.retransmitTime.toMillis();
        double rand = ThreadLocalRandom.current().nextDouble(-0.1, 0.1);
        x.retransmitTime = Duration.ofMillis(Math.min((long) (2 * rt + rand * rt), MAX_RETRANSMIT.toMillis()));
        x.deadline = timer.schedule(x.retransmitTime, () -> locked(() -> retransmitOrExpire(x)));
    }

    private void expire(Exchange x) {
        if (x.conn.pending.remove(x.id) != x) {
            return;
        }
        // The server may still answer this Identifier: it rests for id-reuse-timeout.
        x.conn.ids.rest(x.id, timer.clock().instant());
        if (!x.internal) {
            counters.timeouts.increment();
        }
        closeIfDrained(x.conn);
        String detail = settings.protocol == DestinationSettings.Protocol.UDP
                ? " after " + x.transmissions + " transmissions" : " within " + settings.timeout.getSeconds() + " s";
        x.fail(new RequestTimeoutException(settings.id, "no answer from destination " + settings.id + detail));
        dispatch();
    }

    // ---------------------------------------------------------------- receiving

    private void received(Conn c, byte[] packet) {
        if (c.gone) {
            return;
        }
        if (packet.length < RadiusPacket.MIN_LENGTH) {
            counters.malformed.increment();
            return;
        }
        int packetCode = packet[0] & 0xFF;
        if (packetCode == PacketCode.COA_REQUEST.code() || packetCode == PacketCode.DISCONNECT_REQUEST.code()) {
            dynamicRequest(c, packet);
            return;
        }
        Exchange x = c.pending.get(packet[1] & 0xFF);
        if (x == null) {
            // An answer to nothing in flight: late, duplicated or forged.
            counters.badReplies.increment();
            drops.dropped(settings.id, DroppedAnswerLog.Cause.UNKNOWN_IDENTIFIER);
            return;
        }
        // Only answers to Access-Request must carry a Message-Authenticator (BlastRADIUS forges logins). Answers
        // to Status-Server are verified when they have one: FreeRADIUS 3.2 sends none, and a forged one can only
        // fake liveness.
        boolean access = x.request.code() == PacketCode.ACCESS_REQUEST;
        MessageAuthenticatorPolicy policy = access ? gate.policy() : MessageAuthenticatorPolicy.VERIFY_IF_PRESENT;
        RadiusPacket response;
        try {
            response = dictionary.codec().decodeResponse(packet, 0, packet.length, x.wire, secret, policy);
        } catch (RadiusDecodeException e) {
            count(e);
            if (!drops.dropped(settings.id, DroppedAnswerLog.Cause.of(e.reason()))) {
                LOG.debug("Destination {}: reply dropped: {}", settings.id, e.getMessage());
            }
            return;
        }
        drops.goodAnswer();
        if (access && gate.learn(response)) {
            LOG.info("Destination {} signs its answers with Message-Authenticator: required from now on "
                    + "(require-message-auth = auto)", settings.id);
        }
        c.pending.remove(x.id);
        x.deadline.cancel();
        closeIfDrained(c);
        Instant now = timer.clock().instant();
        c.lastAnswer = now;
        backoff = MIN_BACKOFF;
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
        dispatch();
    }

    /**
     * A CoA-Request or Disconnect-Request the server sent over our connection (RFC 5176 over RadSec). With
     * {@code dynamic-requests} on and a {@code source-address} set (Junos: otherwise "dynamic requests will be
     * rejected"), it goes to the NAS that owns the session and the NAS's answer comes back; otherwise, or when no
     * NAS takes it, the answer is a NAK with Error-Cause 502, Request Not Routable: never silence. One that does not
     * verify is discarded (RFC 5176 section 3.5) and counted.
     */
    private void dynamicRequest(Conn c, byte[] packet) {
        RadiusPacket request;
        try {
            request = dictionary.codec().decodeRequest(packet, 0, packet.length, secret, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        } catch (RadiusDecodeException e) {
            count(e);
            LOG.debug("Destination {}: dynamic request dropped: {}", settings.id, e.getMessage());
            return;
        }
        counters.dynamicRequests.increment();
        DynamicRequestHandler r = router;
        if (!settings.dynamicRequests || settings.sourceAddress == null || r == null) {
            c.send(dictionary.codec().encodeResponse(notRoutable(request), request, secret));
            return;
        }
        deferred.add(() -> r.handle(settings.id, request).handle((answer, failure) -> {
            RadiusPacket reply = answer != null && failure == null
                    ? answer.toBuilder().identifier(request.identifier()).build() : notRoutable(request);
            locked(() -> {
                if (!c.gone) {
                    c.send(dictionary.codec().encodeResponse(reply, request, secret));
                }
            });
            return null;
        }));
    }

    private static RadiusPacket notRoutable(RadiusPacket request) {
        PacketCode nak = request.code() == PacketCode.COA_REQUEST ? PacketCode.COA_NAK : PacketCode.DISCONNECT_NAK;
        return RadiusPacket.builder(nak, request.dictionary()).identifier(request.identifier())
                .add("Error-Cause", 502L).build();
    }

    private void count(RadiusDecodeException e) {
        switch (e.reason()) {
            case MALFORMED:
                counters.malformed.increment();
                break;
            case NOT_A_RESPONSE_TO_REQUEST:
                counters.unknownTypes.increment();
                break;
            default:
                counters.badReplies.increment();
        }
    }

    // ---------------------------------------------------------------- links

    private void linkUp(Conn c, LinkInfo info) {
        if (c.gone || closed) {
            c.close("not wanted");
            return;
        }
        c.up = true;
        c.lastAnswer = timer.clock().instant();
        c.lastActivity = c.lastAnswer;
        armWatchdog(c);
        armIdleCheck(c, settings.idleTimeout);
        lastInfo = info;
        if (state != DestinationStatistics.State.UP) {
            LOG.info("Destination {} ({}:{}) is up{}", settings.id, settings.address, settings.port,
                    info.tlsVersion != null ? " over " + info.tlsVersion + " " + info.cipherSuite : "");
        }
        state = DestinationStatistics.State.UP;
        // The backoff is reset by the first answer, not here: with TLS 1.3 a server that refuses our certificate
        // does so only after our handshake completed, and resetting here would reconnect every 0.5 s forever.
        dispatch();
    }

    private void linkDown(Conn c, String reason) {
        if (c.gone) {
            return;
        }
        c.gone = true;
        conns.remove(c);
        for (Scheduler.Cancellable t : new Scheduler.Cancellable[] {c.watchdog, c.idleCheck}) {
            if (t != null) {
                t.cancel();
            }
        }
        for (Exchange x : c.pending.values()) {
            x.deadline.cancel();
            x.fail(new DestinationUnavailableException(settings.id,
                    "connection to destination " + settings.id + " lost: " + reason));
        }
        boolean hadPending = !c.pending.isEmpty();
        c.pending.clear();
        if (closed) {
            if (retired != null && conns.isEmpty()) {
                deferred.add(retired);
                retired = null;
            }
            return;
        }
        if (c.closingIdle && !hadPending && conns.isEmpty()) {
            state = DestinationStatistics.State.IDLE;
            LOG.info("Destination {}: connection closed after {} s idle", settings.id, settings.idleTimeout.getSeconds());
            dispatch();
            return;
        }
        if (conns.stream().anyMatch(o -> o.up)) {
            dispatch();
            return;
        }
        if (conns.isEmpty()) {
            boolean wasUp = state == DestinationStatistics.State.UP;
            state = DestinationStatistics.State.DOWN;
            downReason = reason;
            for (Exchange x : queue) {
                x.deadline.cancel();
                x.fail(new DestinationUnavailableException(settings.id,
                        "destination " + settings.id + " is down: " + reason));
            }
            queue.clear();
            scheduleReconnect();
            if (wasUp || c.up) {
                LOG.warn("Destination {} ({}:{}) is down: {}", settings.id, settings.address, settings.port, reason);
            } else {
                LOG.debug("Destination {}: connecting failed: {}", settings.id, reason);
            }
        }
    }

    /** idle-timeout: a link with nothing in flight and no request for that long is closed until needed again. */
    private void armIdleCheck(Conn c, Duration after) {
        if (settings.idleTimeout.isZero()) {
            return;
        }
        c.idleCheck = timer.schedule(after, () -> locked(() -> {
            if (closed || c.gone) {
                return;
            }
            Duration quiet = Duration.between(c.lastActivity, timer.clock().instant());
            if (c.pending.isEmpty() && quiet.compareTo(settings.idleTimeout) >= 0) {
                c.closingIdle = true;
                c.close("idle for " + settings.idleTimeout.getSeconds() + " s");
            } else {
                Duration rest = settings.idleTimeout.minus(quiet);
                armIdleCheck(c, rest.isNegative() || rest.isZero() ? settings.idleTimeout : rest);
            }
        }));
    }

    private void armWatchdog(Conn c) {
        if (!settings.statusServer.isZero()) {
            c.watchdog = timer.schedule(settings.statusServer, () -> locked(() -> watchdog(c)));
        }
    }

    /**
     * RFC 5997 / RFC 3539 watchdog: a link that has been quiet for a whole interval is probed with Status-Server;
     * no answer within {@code timeout} closes it, which marks the destination down and starts reconnecting.
     */
    private void watchdog(Conn c) {
        if (closed || c.gone) {
            return;
        }
        Instant now = timer.clock().instant();
        Duration quiet = Duration.between(c.lastAnswer, now);
        if (quiet.compareTo(settings.statusServer) < 0) {
            c.watchdog = timer.schedule(settings.statusServer.minus(quiet), () -> locked(() -> watchdog(c)));
            return;
        }
        int id = c.ids.acquire(now);
        if (id >= 0) {
            Exchange probe = new Exchange(RadiusPacket.builder(PacketCode.STATUS_SERVER, dictionary.codec().dictionary()).build(),
                    true, now);
            transmit(c, id, probe, now);
            probe.future.whenComplete((response, failure) -> {
                if (failure instanceof RequestTimeoutException) {
                    locked(() -> c.close("no answer to Status-Server within " + settings.timeout.getSeconds() + " s"));
                }
            });
        }
        armWatchdog(c);
    }

    /** Exponential backoff with full jitter between 0.5 s and 60 s, retrying forever. */
    private void scheduleReconnect() {
        if (reconnect != null || closed) {
            return;
        }
        long ceiling = backoff.toMillis();
        Duration delay = Duration.ofMillis(MIN_BACKOFF.toMillis()
                + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - MIN_BACKOFF.toMillis() + 1)));
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        reconnect = timer.schedule(delay, () -> locked(() -> {
            reconnect = null;
            if (!closed && conns.isEmpty()) {
                openLink();
            }
        }));
    }

    /** Stops the destination: links closed, every waiting or pending request failed as unavailable. */
    void close(String reason) {
        locked(() -> {
            closed = true;
            if (reconnect != null) {
                reconnect.cancel();
            }
            long queued = queue.stream().filter(x -> !x.internal).count();
            long inFlight = conns.stream().flatMap(c -> c.pending.values().stream()).filter(x -> !x.internal).count();
            for (Exchange x : queue) {
                x.deadline.cancel();
                x.fail(new DestinationUnavailableException(settings.id, "destination " + settings.id + " " + reason));
            }
            queue.clear();
            for (Conn c : new ArrayList<>(conns)) {
                c.close(reason); // its requests in flight fail as unavailable when the link reports down
            }
            if (queued + inFlight > 0) {
                LOG.warn("Destination {} {}: {} queued and {} in-flight requests end as DestinationUnavailableException",
                        settings.id, reason, queued, inFlight);
            }
        });
    }

    synchronized DestinationStatistics statistics() {
        long pending = 0;
        for (Conn c : conns) {
            pending += c.pending.values().stream().filter(x -> !x.internal).count();
        }
        return new DestinationStatistics(settings.id, state, pending + queue.size(), counters.requests.sum(),
                counters.accepts.sum(), counters.rejects.sum(), counters.challenges.sum(), counters.resends.sum(),
                counters.timeouts.sum(), counters.badReplies.sum(), counters.malformed.sum(),
                counters.unknownTypes.sum(), counters.queueFull.sum(), counters.lastRttMillis.get(),
                (int) conns.stream().filter(c -> c.up).count(), lastInfo.tlsVersion, lastInfo.cipherSuite,
                lastInfo.peerSubject(), lastInfo.peerNotAfter());
    }

    void resetStatistics() {
        counters.reset();
    }

    /** Applies settings that need no new connection (timeouts, retries, buffers, watchdog): at once, links stay. */
    void update(DestinationSettings next) {
        locked(() -> {
            if (next.requireMessageAuth != settings.requireMessageAuth) {
                gate = new MessageAuthenticatorGate(next.requireMessageAuth);
            }
            settings = next;
            dispatch();
        });
    }

    /**
     * Opens a new link and drains the current ones: they take no new requests and close once their last one is
     * answered or timed out. Nothing in flight is lost.
     */
    void reconnect(String reason) {
        locked(() -> {
            if (closed) {
                return;
            }
            LOG.info("Destination {}: reconnecting ({}); {} link(s) drain", settings.id, reason, conns.size());
            for (Conn c : new ArrayList<>(conns)) {
                c.draining = true;
                closeIfDrained(c);
            }
            openLink();
        });
    }

    /**
     * Hands over to {@code next}, the same destination reconfigured: queued requests move there, requests in
     * flight finish here on draining links, and {@code whenDrained} runs once the last link is gone.
     */
    void retire(DestinationClient next, Runnable whenDrained) {
        List<Exchange> moved = new ArrayList<>();
        locked(() -> {
            successor = next;
            closed = true;
            if (reconnect != null) {
                reconnect.cancel();
            }
            for (Exchange x : queue) {
                x.deadline.cancel();
                moved.add(x);
            }
            queue.clear();
            retired = whenDrained;
            if (conns.isEmpty()) {
                deferred.add(whenDrained);
                retired = null;
            }
            for (Conn c : new ArrayList<>(conns)) {
                c.draining = true;
                closeIfDrained(c);
            }
        });
        for (Exchange x : moved) {
            if (x.internal) {
                x.future.cancel(false); // a watchdog probe: the new links have their own
                continue;
            }
            next.submit(x.request).whenComplete((response, failure) -> {
                if (failure == null) {
                    x.future.complete(response);
                } else {
                    x.future.completeExceptionally(failure);
                }
            });
        }
    }

    /** A draining link with nothing left in flight is closed. */
    private void closeIfDrained(Conn c) {
        if (c != null && c.draining && c.pending.values().stream().allMatch(x -> x.internal)) {
            c.close("drained");
        }
    }
}
