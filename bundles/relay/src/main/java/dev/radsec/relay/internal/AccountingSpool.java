package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accounting spool: the Accounting-Requests of one route that no destination took, on disk in a {@link SpoolLog},
 * sent on when a destination takes them again.
 *
 * <ul>
 *   <li>{@link #store} completes once the request is on disk (written and forced, several requests per force when
 *       they come together), or is a duplicate of one that waits, or could not be stored (full, or the disk failed).
 *       </li>
 *   <li>Replay sends the waiting requests oldest first, up to {@link #WINDOW} at a time, but never two of one
 *       session (Acct-Session-Id) at once, so a session's Start, Interim-Updates and Stop arrive in the order the NAS
 *       sent them. Each goes with Acct-Delay-Time increased by the time since the relay received it. A request
 *       leaves the spool only once a destination answered it; a failure (no destination, a timeout) keeps it, pauses
 *       the replay, and it is tried again after {@link #RETRY} or as soon as a destination comes up.</li>
 *   <li>Everything that touches the files or the replay's state runs on the scheduler, one task at a time.</li>
 * </ul>
 */
final class AccountingSpool {
    private static final Logger LOG = LoggerFactory.getLogger(AccountingSpool.class);
    /**
     * Requests are stored as RADIUS packets, signed with this secret (so the Request Authenticator checks each one
     * when read back) and with hidden attributes hidden with it. It protects nothing: the spool is as readable as
     * FreeRADIUS's detail file, to whoever may read the data directory.
     */
    static final SharedSecret STORAGE_SECRET = SharedSecret.of("radsec-karaf accounting spool");
    /** Requests sent and not yet answered, at most. */
    static final int WINDOW = 32;
    /** How soon a failed replay is tried again when no destination comes up before. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** What became of a request handed to {@link #store}. */
    enum Stored {
        /** On disk: the NAS may be answered. */
        STORED,
        /** A retransmission of a request that waits: the NAS may be answered. */
        DUPLICATE,
        /** Not stored (the spool is full, or could not be written): the NAS is not answered and sends it again. */
        REFUSED
    }

    /** Sends a request along the relay's route for it, as the relay would send it live. */
    @FunctionalInterface
    interface Forwarder {
        CompletionStage<RadiusPacket> forward(RadiusPacket request);
    }

    private final String name;
    private final Path dir;
    private final long segmentSize;
    private final SpoolCounters counters;
    private final Scheduler scheduler;
    private final Supplier<Forwarder> forwarder;
    private final Supplier<Dictionary> dictionary;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Requests waiting, or on their way into the file. */
    private final AtomicLong held = new AtomicLong();
    private volatile boolean closing;

    // Only on the scheduler, one task at a time:
    private boolean draining;
    private SpoolLog log;
    private boolean unusable;
    private final List<Runnable> afterForce = new ArrayList<>();
    private final Map<Long, String> inFlight = new HashMap<>();
    private final Set<String> sessionsInFlight = new HashSet<>();
    private boolean paused;
    private boolean pauseReported;
    private long replayedSinceReport;
    private Scheduler.Cancellable retry = Scheduler.Cancellable.NONE;
    private final CompletableFuture<Void> idle = new CompletableFuture<>();

    /**
     * @param name        for the log: relay and route
     * @param segmentSize see {@link SpoolLog#open}
     * @param forwarder   the relay's sending, asked each time (a reconfigured relay sends differently)
     * @param dictionary  the dictionary in effect, to read stored requests with
     */
    AccountingSpool(String name, Path dir, long segmentSize, SpoolCounters counters, Scheduler scheduler,
                    Supplier<Forwarder> forwarder, Supplier<Dictionary> dictionary) {
        this.name = name;
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.counters = counters;
        this.scheduler = scheduler;
        this.forwarder = forwarder;
        this.dictionary = dictionary;
    }

    /**
     * Opens the files now, on the caller's thread, before any request can come: a spool found on disk must be
     * waited behind from the first request on. Replay starts on the scheduler.
     */
    AccountingSpool openNow() {
        open();
        submit(() -> { });
        return this;
    }

    /** Whether requests wait (or are on their way into the file): a new one goes behind them, not past them. */
    boolean waiting() {
        return held.get() > 0;
    }

    long records() {
        return held.get();
    }

    Path directory() {
        return dir;
    }

    /**
     * Stores a request the relay answers for.
     *
     * @param request    the request as the relay forwards it
     * @param receivedAt when the relay received it, in epoch milliseconds on the scheduler's clock
     */
    CompletionStage<Stored> store(RadiusPacket request, long receivedAt) {
        CompletableFuture<Stored> result = new CompletableFuture<>();
        if (closing) {
            result.complete(Stored.REFUSED);
            return result;
        }
        String session = AccountingPackets.session(request);
        int status = AccountingPackets.statusType(request);
        long event = AccountingPackets.eventTimestamp(request);
        byte[] packet;
        try {
            packet = new PacketCodec(request.dictionary()).encodeRequest(request, STORAGE_SECRET);
        } catch (IllegalArgumentException e) {
            LOG.warn("Accounting spool {}: cannot store a request: {}", name, e.getMessage());
            result.complete(Stored.REFUSED);
            return result;
        }
        held.incrementAndGet();
        submit(() -> append(receivedAt, status, event, session, packet, result));
        return result;
    }

    /** A destination came up: replay now rather than at the next retry. */
    void wake() {
        submit(() -> {
            paused = false;
            retry.cancel();
        });
    }

    /**
     * Stops replaying, waits up to {@code patience} for the requests in flight to be answered (so that answered ones
     * are not sent again by the next instance), and closes the files. What waits stays on disk.
     */
    void close(Duration patience) {
        closing = true;
        submit(() -> {
            retry.cancel();
            if (inFlight.isEmpty()) {
                idle.complete(null);
            }
        });
        try {
            idle.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("Accounting spool {}: closed with {} requests still unanswered; they are sent again later", name,
                    inFlight.size());
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        submit(() -> {
            if (log != null) {
                log.close();
            }
            closed.complete(null);
        });
        try {
            closed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Accounting spool {}: the files did not close in time", name);
        }
    }

    // ------------------------------------------------------------------ on the scheduler

    private void submit(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            scheduler.execute(this::drain);
        }
    }

    /** Runs what was submitted, forces the file once for all of it, answers, and replays what can go. */
    private void drain() {
        if (draining) {
            return; // submitted from within (a scheduler that runs at once): the loop below takes it
        }
        draining = true;
        try {
            while (true) {
                scheduled.set(false);
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                do {
                    run(task);
                } while ((task = tasks.poll()) != null);
                force();
                if (!closing) {
                    pump();
                }
            }
        } finally {
            draining = false;
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Accounting spool {}: {}", name, e.toString(), e);
        }
    }

    private boolean open() {
        if (log == null && !unusable) {
            try {
                log = SpoolLog.open(dir, segmentSize);
                counters.changed(log.bytes(), log.records());
                held.addAndGet(log.records());
                if (log.tornAtOpen() > 0) {
                    counters.torn.add(log.tornAtOpen());
                }
                if (log.records() > 0) {
                    LOG.info("Accounting spool {}: {} requests wait in {}; they are sent when a destination takes them",
                            name, log.records(), dir);
                }
            } catch (IOException | RuntimeException e) {
                unusable = true;
                LOG.error("Accounting spool {}: cannot use {}: {}. Accounting-Requests no destination takes are not"
                        + " answered, as without a spool", name, dir, e.toString());
            }
        }
        return log != null;
    }

    private void append(long receivedAt, int status, long event, String session, byte[] packet,
                        CompletableFuture<Stored> result) {
        if (closing || !open()) {
            held.decrementAndGet();
            counters.full.increment();
            result.complete(Stored.REFUSED);
            return;
        }
        String key = SpoolRecord.Data.key(session, status, event);
        boolean duplicate;
        try {
            duplicate = key != null && log.holds(key);
        } catch (IOException e) {
            LOG.warn("Accounting spool {}: cannot read a stored request to compare it: {}", name, e.toString());
            duplicate = false; // stored once more rather than lost
        }
        if (duplicate) {
            held.decrementAndGet();
            counters.duplicates.increment();
            afterForce.add(() -> result.complete(Stored.DUPLICATE)); // the one it repeats may still be on its way
            return;
        }
        if (!counters.fits(SpoolLog.size(packet.length, session))) {
            held.decrementAndGet();
            counters.refusedFull();
            result.complete(Stored.REFUSED);
            return;
        }
        long before = log.bytes();
        try {
            log.append(receivedAt, status, event, session, packet);
            counters.changed(log.bytes() - before, 1);
            afterForce.add(() -> {
                counters.stored();
                result.complete(Stored.STORED);
            });
        } catch (IOException e) {
            counters.changed(log.bytes() - before, 0);
            held.decrementAndGet();
            counters.full.increment();
            LOG.error("Accounting spool {}: cannot write {}: {}", name, dir, e.toString());
            result.complete(Stored.REFUSED);
        }
    }

    private void force() {
        if (log == null) {
            afterForce.forEach(Runnable::run);
            afterForce.clear();
            return;
        }
        long before = log.bytes();
        try {
            log.force();
            afterForce.forEach(Runnable::run);
        } catch (IOException e) {
            // Not known to be on disk: no answer, the NAS sends it again (and finds it stored, or stores it).
            LOG.error("Accounting spool {}: cannot force {} to disk: {}", name, dir, e.toString());
        } finally {
            afterForce.clear();
            counters.changed(log.bytes() - before, 0);
        }
    }

    /** Sends waiting requests, oldest first, while the window has room and no earlier one of their session is out. */
    private void pump() {
        Forwarder send = forwarder.get();
        if (paused || log == null || send == null) {
            return;
        }
        List<SpoolLog.Stored> sending = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        for (long seq = log.next(0); seq >= 0 && inFlight.size() < WINDOW; seq = log.next(seq)) {
            if (inFlight.containsKey(seq)) {
                continue;
            }
            SpoolLog.Stored stored;
            try {
                stored = log.read(seq);
            } catch (IOException | RuntimeException e) {
                LOG.error("Accounting spool {}: request {} cannot be read back ({}); it is dropped", name, seq,
                        e.toString());
                unreadable.add(seq);
                continue;
            }
            String session = stored.data().session();
            if (session != null && sessionsInFlight.contains(session)) {
                break; // a session's records go one after another, so the older waits for its answer first
            }
            sending.add(stored);
            inFlight.put(seq, session == null ? "" : session);
            if (session != null) {
                sessionsInFlight.add(session);
            }
        }
        for (SpoolLog.Stored stored : sending) {
            RadiusPacket request;
            try {
                request = replayable(stored);
            } catch (RadiusDecodeException | RuntimeException e) {
                LOG.error("Accounting spool {}: request {} cannot be decoded ({}); it is dropped", name, stored.seq(),
                        e.toString());
                unreadable.add(stored.seq());
                continue;
            }
            CompletionStage<RadiusPacket> answer;
            try {
                answer = send.forward(request);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            long seq = stored.seq();
            answer.whenComplete((response, failure) -> submit(() -> answered(seq, failure)));
        }
        for (long seq : unreadable) {
            counters.torn.increment();
            finish(seq);
        }
        if (!unreadable.isEmpty()) {
            submit(() -> { }); // force the DONE records and go on
        }
    }

    private RadiusPacket replayable(SpoolLog.Stored stored) throws RadiusDecodeException {
        byte[] packet = stored.packet();
        RadiusPacket request = new PacketCodec(dictionary.get()).decodeRequest(packet, 0, packet.length,
                STORAGE_SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        return AccountingPackets.delayed(request, scheduler.clock().millis() - stored.data().receivedAt());
    }

    private void answered(long seq, Throwable failure) {
        if (failure == null) {
            counters.replayed.increment();
            replayedSinceReport++;
            finish(seq);
            if (pauseReported && !paused) {
                pauseReported = false;
                LOG.info("Accounting spool {}: a destination takes spooled requests again", name);
            }
            if (log.records() == 0) {
                LOG.info("Accounting spool {}: empty, {} requests sent on", name, replayedSinceReport);
                replayedSinceReport = 0;
            }
        } else {
            release(seq);
            if (!paused) {
                paused = true;
                if (!pauseReported) {
                    pauseReported = true;
                    LOG.info("Accounting spool {}: {} requests wait ({}); tried again every {} s and as soon as a"
                            + " destination comes up", name, log.records(), reason(failure), RETRY.toSeconds());
                }
                retry = scheduler.schedule(RETRY, this::wake);
            }
        }
        if (closing && inFlight.isEmpty()) {
            idle.complete(null);
        }
    }

    private static String reason(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void release(long seq) {
        String session = inFlight.remove(seq);
        if (session != null && !session.isEmpty()) {
            sessionsInFlight.remove(session);
        }
    }

    private void finish(long seq) {
        release(seq);
        long before = log.bytes();
        try {
            log.done(seq);
        } catch (IOException e) {
            LOG.error("Accounting spool {}: cannot mark request {} done: {}; it may be sent again", name, seq,
                    e.toString());
        } finally {
            held.decrementAndGet(); // it no longer waits here either way
            counters.changed(log.bytes() - before, -1);
        }
    }

    @Override
    public String toString() {
        return "accounting spool " + name + " (" + dir + ")";
    }
}
