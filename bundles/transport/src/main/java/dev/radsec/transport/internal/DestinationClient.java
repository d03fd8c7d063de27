package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.DynamicRequestHandler;
import dev.radsec.transport.RadiusDictionary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
 *       exponential backoff and jitter from 0.5 s to 60 s, forever; while requests are refused as down, the next
 *       attempt comes within {@code reconnect-demand-cap} (0.5 s).</li>
 *   <li>A link the server stopped answering, while no other link heard it since, takes every link down with it:
 *       the server is silent, not the link. Back from DOWN over UDP, to a server that answered Status-Server before,
 *       a new link takes requests only once the server answered its Status-Server ({@link LinkHealth#prove}).</li>
 * </ul>
 *
 * <p>Locking: state changes happen under one {@link SerialMonitor}; link I/O and completions queued under it run
 * after it is released.
 */
final class DestinationClient implements Connection.Events {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationClient.class);
    /** Links per destination: 8 x 256 Identifiers in flight. */
    static final int MAX_LINKS = 8;
    static final Duration MAX_BACKOFF = Backoff.MAX;

    /** Replaced by {@link #update} for changes that need no new connection. */
    private volatile DestinationSettings settings;
    private final Scheduler timer;
    private final Link.Factory links;
    /** CoA/Disconnect from the server over our links. */
    private final DynamicRequests dynamicRequests;
    private final Counters counters = new Counters();
    private final AnswerVerifier answers;
    private final LinkHealth health;
    private final Transmitter transmitter;

    private final List<Connection> conns = new ArrayList<>();
    private final RequestQueue queue;
    private DestinationStatistics.State state;
    private final Backoff backoff;
    private Scheduler.Cancellable reconnect;
    /** When {@link #reconnect} runs, and which scheduling it is (a replaced one does nothing if it still runs). */
    private Instant reconnectAt;
    private Object reconnectAttempt;
    /** A request was refused as down since the last connection attempt began: see {@link #demand()}. */
    private boolean demanded;
    private boolean closed;
    private LinkInfo lastInfo = LinkInfo.NONE;
    private String downReason = "not connected yet";
    /** Set by {@link #retire}: the reconfigured destination that takes requests from now on. */
    private volatile DestinationClient successor;
    /** Set by {@link #retire}: runs once the last draining link is gone. */
    private Runnable retired;

    /** Every change of state runs under it; see the class comment. */
    private final SerialMonitor monitor;

    DestinationClient(DestinationSettings settings, RadiusDictionary dictionary, Scheduler timer, Link.Factory links,
                      java.util.concurrent.Executor io) {
        this(settings, dictionary, timer, links, io, ThreadLocalRandom.current());
    }

    /** @param random the jitter of reconnects and retransmissions; tests pin it */
    DestinationClient(DestinationSettings settings, RadiusDictionary dictionary, Scheduler timer, Link.Factory links,
                      java.util.concurrent.Executor io, java.util.random.RandomGenerator random) {
        this.backoff = new Backoff(random);
        this.queue = new RequestQueue(counters);
        this.monitor = new SerialMonitor(io, "Destination " + settings.id);
        this.settings = settings;
        this.state = settings.disabled ? DestinationStatistics.State.DISABLED : DestinationStatistics.State.CONNECTING;
        SharedSecret secret = SharedSecret.of(settings.secret());
        this.timer = timer;
        this.links = links;
        this.answers = new AnswerVerifier(settings.id, settings.requireMessageAuth, dictionary, secret, counters);
        this.transmitter = new Transmitter(monitor, timer, () -> this.settings, dictionary, secret, counters, backoff,
                links.retransmits(), c -> {
                    closeIfDrained(c);
                    requestEnded(c);
                    dispatch();
                });
        this.health = new LinkHealth(monitor, timer, () -> this.settings, () -> closed, dictionary,
                transmitter::transmit);
        this.dynamicRequests = new DynamicRequests(monitor, () -> this.settings, dictionary, secret, counters,
                answers::count);
    }

    /** A user's request on {@code c} ended: the link's health may judge the server gone (UDP timeouts). */
    private void requestEnded(Connection c) {
        health.requestEnded(c);
    }

    /** Opens the first link; a disabled destination opens none, ever (enabling it is a new configuration). */
    void start() {
        monitor.run(() -> {
            if (state == DestinationStatistics.State.DISABLED) {
                LOG.info("Destination {} ({}:{}) is disabled: no connection", settings.id, settings.address,
                        settings.port);
                // born disabled: listeners hear it as a change from what they last heard (UP, for a destination disabled)
                stateListener.stateChanged(settings.id, DestinationStatistics.State.CONNECTING, state, "disabled");
                return;
            }
            openLink();
        });
    }

    /** Who hears of state changes (the whiteboard's DestinationStateListeners); called under the monitor. */
    private volatile DestinationStateListener stateListener = (id, previous, current, reason) -> { };

    void stateListener(DestinationStateListener listener) {
        stateListener = listener;
    }

    /** Every change of {@link #state} goes through here, so that listeners hear each one, in order. */
    private void state(DestinationStatistics.State next, String reason) {
        DestinationStatistics.State previous = state;
        state = next;
        if (previous != next) {
            stateListener.stateChanged(settings.id, previous, next, reason);
        }
    }

    /**
     * For a server named by address rather than configured (a NAS taking CoA, a login server): timeouts never take
     * it DOWN, as nothing fails over from it. Before {@link #start()}.
     */
    void keepUpOnTimeouts() {
        health.keepUpOnTimeouts();
    }

    /** Where CoA/Disconnect from the server go when dynamic-requests is on; null: nowhere (NAK 502). */
    void router(DynamicRequestHandler router) {
        dynamicRequests.handler(router);
    }

    /** Adds a link before opening it, so that whatever it reports, even at once, finds it. */
    private void openLink() {
        Connection c = new Connection(monitor, this, settings.idReuseTimeout);
        conns.add(c);
        c.link = links.open(c);
    }

    // ---------------------------------------------------------------- submitting

    CompletableFuture<RadiusPacket> submit(RadiusPacket request) {
        CompletableFuture<RadiusPacket> accepted = monitor.call(() -> {
            if (successor != null) {
                return null; // reconfigured: see below
            }
            Exchange x = new Exchange(request, false, timer.clock().instant(), monitor);
            String unavailable = unavailable();
            if (unavailable != null) {
                counters.unavailable.increment();
                if (state == DestinationStatistics.State.DOWN) {
                    demand();
                }
                x.fail(new DestinationUnavailableException(settings.id, "destination " + settings.id + " " + unavailable));
            } else if (queue.offer(x, settings)) {
                x.deadline = Scheduler.Cancellable.NONE;
                dispatch();
                if (x.conn == null && !x.future.isDone()) {
                    // Still waiting: the wait in the queue counts against the timeout, a request never waits
                    // forever. One sent at once (the usual case) needs no queue timer at all.
                    x.deadline = timer.schedule(settings.timeout, () -> monitor.run(() ->
                            queue.expire(x, settings, state == DestinationStatistics.State.UP)));
                }
            }
            return x.future;
        });
        // a caller that found this client just before it was replaced is served by its successor
        return accepted != null ? accepted : successor.submit(request);
    }

    /** Why the destination takes no request now, or {@code null}. */
    private String unavailable() {
        if (closed) {
            return "was removed";
        }
        if (state == DestinationStatistics.State.DISABLED) {
            return "is disabled";
        }
        return state == DestinationStatistics.State.DOWN ? "is down: " + downReason : null;
    }

    /** Sends queued requests while some link has a free Identifier; opens another link when none has. */
    private void dispatch() {
        Instant now = timer.clock().instant();
        int outstanding = 0;
        for (Connection c : conns) {
            outstanding += c.pending.size();
        }
        while (!queue.isEmpty() && outstanding < settings.maxOutstanding) {
            Connection target = null;
            int id = -1;
            for (Connection c : conns) {
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
                    state(DestinationStatistics.State.CONNECTING, "a request is waiting");
                    openLink();
                } else if (!opening && conns.stream().filter(c -> !c.draining).count() < MAX_LINKS
                        && state == DestinationStatistics.State.UP) {
                    openLink();
                }
                return;
            }
            Exchange x = queue.poll();
            transmitter.transmit(target, id, x, now);
            outstanding++;
        }
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void packet(Connection c, byte[] packet) {
        if (c.gone) {
            return;
        }
        if (packet.length < RadiusPacket.MIN_LENGTH) {
            counters.malformed.increment();
            return;
        }
        if (DynamicRequests.isDynamicRequest(packet)) {
            dynamicRequests.received(c, packet);
            return;
        }
        Exchange x = c.pending.get(packet[1] & 0xFF);
        if (x == null) {
            answers.unknownIdentifier();
            return;
        }
        RadiusPacket response = answers.verify(x, packet);
        if (response != null) {
            transmitter.answered(c, x, response);
        }
    }

    // ---------------------------------------------------------------- links

    @Override
    public void up(Connection c, LinkInfo info) {
        if (c.gone || closed) {
            c.close("not wanted");
            return;
        }
        if (state == DestinationStatistics.State.DOWN && settings.protocol == DestinationSettings.Protocol.UDP
                && !settings.statusServer.isZero() && health.statusServerAnswered()) {
            // Back from an outage over UDP: an open socket says nothing of the server, an answer does. Until then
            // the link is not up (it takes no requests) and the destination stays DOWN, so nothing fails over back.
            // Only for a server that answered Status-Server before: one that never does would never be UP again.
            health.prove(c, () -> serving(c, info));
            return;
        }
        serving(c, info);
    }

    /** {@code c} takes requests. */
    private void serving(Connection c, LinkInfo info) {
        c.up = true;
        c.lastAnswer = timer.clock().instant();
        c.lastActivity = c.lastAnswer;
        health.watch(c);
        lastInfo = info;
        if (state != DestinationStatistics.State.UP) {
            LOG.info("Destination {} ({}:{}) is up{}", settings.id, settings.address, settings.port,
                    info.tlsVersion != null ? " over " + info.tlsVersion + " " + info.cipherSuite : "");
        }
        state(DestinationStatistics.State.UP, "connected to " + settings.address + ":" + settings.port
                + (info.tlsVersion != null ? " over " + info.tlsVersion : ""));
        loggedFailure = null;
        // The backoff is reset by the first answer, not here: with TLS 1.3 a server that refuses our certificate
        // does so only after our handshake completed, and resetting here would reconnect every 0.5 s forever.
        dispatch();
    }

    @Override
    public void down(Connection c, String reason) {
        if (c.gone) {
            return;
        }
        boolean usersWaited = !c.onlyProbesPending();
        boolean hadPending = drop(c, reason);
        if (c.unresponsive && !closed && c.lastAnswer != null && !answeredSince(c.lastAnswer)) {
            // No link heard the server since this one last did: the server is silent, not this link. Closing links
            // one at a time would keep a dead destination UP (a UDP link is up the moment it opens) and never fail
            // over; every link goes, and the destination is DOWN.
            for (Connection o : new ArrayList<>(conns)) {
                o.unresponsive = true;
                o.close(reason);
                drop(o, reason);
            }
        }
        if (closed) {
            if (retired != null && conns.isEmpty()) {
                monitor.later(retired);
                retired = null;
            }
            return;
        }
        if (c.closingIdle && !hadPending && conns.isEmpty()) {
            state(DestinationStatistics.State.IDLE, "idle for " + settings.idleTimeout.getSeconds() + " s");
            LOG.info("Destination {}: connection closed after {} s idle", settings.id, settings.idleTimeout.getSeconds());
            dispatch();
            return;
        }
        if (conns.stream().anyMatch(o -> o.up)) {
            dispatch();
            return;
        }
        if (conns.isEmpty() && c.closedIdleByServer(usersWaited)) {
            LOG.debug("Destination {}: the server closed an idle connection ({}); reconnecting", settings.id, reason);
            openLink(); // no outage: requests wait for the new link
            return;
        }
        if (conns.isEmpty()) {
            boolean wasUp = state == DestinationStatistics.State.UP;
            downReason = reason;
            state(DestinationStatistics.State.DOWN, reason);
            queue.failAll(settings.id, "is down: " + reason);
            scheduleReconnect();
            if (wasUp || c.up) {
                LOG.warn("Destination {} ({}:{}) is down: {}", settings.id, settings.address, settings.port, reason);
                loggedFailure = null;
            } else if (!reason.equals(loggedFailure)) {
                // once per cause, not per attempt: a destination that never comes up still says why
                LOG.warn("Destination {} ({}:{}) cannot connect: {}; retrying", settings.id, settings.address,
                        settings.port, reason);
                loggedFailure = reason;
            } else {
                LOG.debug("Destination {}: connecting failed again: {}", settings.id, reason);
            }
        }
    }

    /** Takes a link out: it is gone, and its requests in flight fail as unavailable. Whether any were in flight. */
    private boolean drop(Connection c, String reason) {
        c.gone = true;
        conns.remove(c);
        c.stopTimers();
        for (Exchange x : c.pending.values()) {
            x.deadline.cancel();
            x.fail(new DestinationUnavailableException(settings.id,
                    "connection to destination " + settings.id + " lost: " + reason));
        }
        boolean hadPending = !c.pending.isEmpty();
        c.pending.clear();
        return hadPending;
    }

    /** Whether the server answered on some link after {@code when}. */
    private boolean answeredSince(Instant when) {
        return conns.stream().anyMatch(o -> o.answered && o.lastAnswer.isAfter(when));
    }

    /** The cause of failed connection attempts last logged; null after the destination was up. */
    private String loggedFailure;

    /**
     * Exponential backoff with full jitter between 0.5 s and 60 s, retrying forever; within
     * {@code reconnect-demand-cap} when requests wanted the destination since the last attempt began.
     */
    private void scheduleReconnect() {
        if (reconnect != null || closed) {
            return;
        }
        Duration delay = backoff.nextReconnect(); // the ceiling grows either way: it is what applies once demand stops
        Duration cap = settings.reconnectDemandCap;
        if (demanded && !cap.isZero() && delay.compareTo(cap) > 0) {
            delay = backoff.withinCap(cap);
        }
        scheduleAttempt(delay);
    }

    private void scheduleAttempt(Duration delay) {
        Object attempt = new Object();
        reconnectAttempt = attempt;
        reconnectAt = timer.clock().instant().plus(delay);
        reconnect = timer.schedule(delay, () -> monitor.run(() -> {
            if (reconnectAttempt != attempt) {
                return; // replaced by a sooner one before it ran
            }
            reconnect = null;
            if (!closed && conns.isEmpty()) {
                demanded = false; // requests refused during this attempt make the next one come soon
                openLink();
            }
        }));
    }

    /**
     * A request was refused because the destination is down: the next connection attempt comes within
     * {@code reconnect-demand-cap}, so service returns soon after the server does, not after a grown backoff.
     */
    private void demand() {
        demanded = true;
        Duration cap = settings.reconnectDemandCap;
        if (reconnect == null || cap.isZero() || !reconnectAt.isAfter(timer.clock().instant().plus(cap))) {
            return; // an attempt is under way, capping is off, or the next one comes soon enough
        }
        reconnect.cancel();
        reconnect = null;
        scheduleAttempt(backoff.withinCap(cap));
    }

    /** Stops the destination: links closed, every waiting or pending request failed as unavailable. */
    void close(String reason) {
        monitor.run(() -> {
            closed = true;
            if (reconnect != null) {
                reconnect.cancel();
            }
            long inFlight = conns.stream().flatMap(c -> c.pending.values().stream()).filter(x -> !x.internal).count();
            long queued = queue.failAll(settings.id, reason);
            for (Connection c : new ArrayList<>(conns)) {
                c.close(reason); // its requests in flight fail as unavailable when the link reports down
            }
            if (queued + inFlight > 0) {
                LOG.warn("Destination {} {}: {} queued and {} in-flight requests end as DestinationUnavailableException",
                        settings.id, reason, queued, inFlight);
            }
        });
    }

    DestinationStatistics statistics() {
        return monitor.call(this::snapshot);
    }

    private DestinationStatistics snapshot() {
        long pending = queue.size();
        for (Connection c : conns) {
            pending += c.pending.values().stream().filter(x -> !x.internal).count();
        }
        return counters.snapshot(settings.id, state, pending, (int) conns.stream().filter(c -> c.up).count(), lastInfo);
    }

    void resetStatistics() {
        counters.reset();
    }

    /** Applies settings that need no new connection (timeouts, retries, buffers, watchdog): at once, links stay. */
    void update(DestinationSettings next) {
        monitor.run(() -> {
            answers.requireMessageAuth(next.requireMessageAuth);
            settings = next;
            dispatch();
        });
    }

    /**
     * Opens a new link and drains the current ones: they take no new requests and close once their last one is
     * answered or timed out. Nothing in flight is lost.
     */
    void reconnect(String reason) {
        monitor.run(() -> {
            if (closed || state == DestinationStatistics.State.DISABLED) {
                return;
            }
            LOG.info("Destination {}: reconnecting ({}); {} link(s) drain", settings.id, reason, conns.size());
            for (Connection c : new ArrayList<>(conns)) {
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
        monitor.run(() -> {
            successor = next;
            closed = true;
            if (reconnect != null) {
                reconnect.cancel();
            }
            moved.addAll(queue.drain());
            retired = whenDrained;
            if (conns.isEmpty()) {
                monitor.later(whenDrained);
                retired = null;
            }
            for (Connection c : new ArrayList<>(conns)) {
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
    private void closeIfDrained(Connection c) {
        if (c != null && c.draining && c.onlyProbesPending()) {
            c.close("drained");
        }
    }
}
