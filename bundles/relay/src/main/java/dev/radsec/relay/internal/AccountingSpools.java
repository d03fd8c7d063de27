package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.Scheduler;
import dev.radsec.transport.AccountingSpoolStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting spools of one relay, in {@code <spool directory>/<relay name>/}: one per route (the destination ids
 * a request is sent along, {@code route-1-2}), so that a realm whose servers are down does not hold up the accounting
 * of another. They share the relay's {@code accounting-spool-max} and its counters, and outlive a reconfiguration of
 * the relay: what waits keeps waiting, and is sent the way the relay now sends.
 */
final class AccountingSpools implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountingSpools.class);
    /** A segment file takes no more records at this size (smaller when the limit is small). */
    static final long SEGMENT_SIZE = 1 << 20;
    /** How long closing waits for replayed requests in flight to be answered. */
    static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private final String relay;
    private final Path dir;
    private final SpoolCounters counters;
    private final Scheduler scheduler;
    private final ExecutorScheduler ownScheduler;
    private final Supplier<Dictionary> dictionary;
    private final Map<String, AccountingSpool> spools = new ConcurrentHashMap<>();
    /** The same by route, so that finding a request's spool builds no name. */
    private final Map<List<Integer>, AccountingSpool> routes = new ConcurrentHashMap<>();
    private volatile AccountingSpool.Forwarder forwarder;

    /**
     * Opens the spools found in {@code dir} (reading them on this thread, so that no request passes what waits).
     *
     * @param maxBytes   {@code accounting-spool-max} in bytes; 0: nothing new is stored
     * @param scheduler  where the files are written and the replay runs, one task at a time; null: a thread of
     *                   their own
     * @param dictionary the dictionary in effect, to read stored requests with
     */
    AccountingSpools(String relay, Path dir, long maxBytes, Scheduler scheduler, Supplier<Dictionary> dictionary) {
        this.relay = relay;
        this.dir = dir;
        this.counters = new SpoolCounters(relay, maxBytes);
        this.ownScheduler = scheduler == null ? new ExecutorScheduler(Clock.systemUTC(), "radsec-relay-spool-" + relay)
                : null;
        this.scheduler = scheduler == null ? ownScheduler : scheduler;
        this.dictionary = dictionary;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> routes = Files.list(dir)) {
                for (Path route : routes.filter(p -> p.getFileName().toString().startsWith("route-")).sorted().toList()) {
                    spools.put(route.getFileName().toString(), spool(route).openNow());
                }
            } catch (IOException e) {
                LOG.error("Relay {}: cannot read the accounting spool {}: {}", relay, dir, e.toString());
            }
        }
    }

    private AccountingSpool spool(Path routeDir) {
        return new AccountingSpool(relay + " " + routeDir.getFileName(), routeDir, segmentSize(), counters, scheduler,
                () -> forwarder, dictionary);
    }

    private long segmentSize() {
        long max = counters.maxBytes();
        return max <= 0 ? SEGMENT_SIZE : Math.max(4096, Math.min(SEGMENT_SIZE, max / 16));
    }

    Path directory() {
        return dir;
    }

    /** The clock requests are timed on. */
    Clock clock() {
        return scheduler.clock();
    }

    /** Whether new requests are stored: {@code accounting-spool-max} is not 0. */
    boolean storing() {
        return counters.maxBytes() > 0;
    }

    /** A new {@code accounting-spool-max}, in bytes. */
    void maxBytes(long max) {
        counters.maxBytes(max);
    }

    /** How the relay sends now; the spools replay through it, and start at once where they wait. */
    void forwarder(AccountingSpool.Forwarder forwarder) {
        this.forwarder = forwarder;
        wake();
    }

    /** The spool of a route (opened on first use). */
    AccountingSpool route(List<Integer> route) {
        AccountingSpool spool = routes.get(route);
        if (spool == null) {
            String name = "route-" + route.stream().map(String::valueOf).collect(Collectors.joining("-"));
            spool = spools.computeIfAbsent(name, n -> spool(dir.resolve(n)));
            routes.put(List.copyOf(route), spool);
        }
        return spool;
    }

    /** A destination is up: every spool tries now (a stored request goes the way its route goes now). */
    void wake() {
        spools.values().forEach(AccountingSpool::wake);
    }

    AccountingSpoolStatistics statistics() {
        return counters.statistics();
    }

    @Override
    public void close() {
        spools.values().forEach(s -> s.close(CLOSE_PATIENCE));
        if (ownScheduler != null) {
            ownScheduler.close();
        }
    }

    /** A directory name for a relay: its name, with anything but letters, digits, '.', '_' and '-' made '_'. */
    static String directoryName(String relay) {
        String n = relay.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() || n.startsWith(".") ? "_" + n : n;
    }
}
