package dev.radsec.transport.internal;

import dev.radsec.transport.UdpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of RADIUS/UDP servers named by address rather than configured ({@code RadiusClient.send(UdpServer)}:
 * NAS devices taking CoA, logins). One client per server, so retransmissions and Identifiers stay consistent;
 * bounded, because the addresses come from traffic: beyond {@link #CAPACITY}, and after {@link #IDLE} unused, the
 * least recently used client with nothing in flight is closed. One that is busy is never closed under its requests.
 */
final class UdpServerClients {
    private static final Logger LOG = LoggerFactory.getLogger(UdpServerClients.class);
    static final int CAPACITY = 256;
    static final Duration IDLE = Duration.ofMinutes(10);

    /** A client and the links it owns, closed together. */
    static final class Entry {
        final DestinationClient client;
        final AutoCloseable links;
        Instant lastUsed;

        Entry(DestinationClient client, AutoCloseable links) {
            this.client = client;
            this.links = links;
        }

        void close() {
            client.close("closed");
            try {
                links.close();
            } catch (Exception e) {
                LOG.debug("closing links", e);
            }
        }
    }

    private final Clock clock;
    /** Access order: the eldest is the least recently used. */
    private final LinkedHashMap<UdpServer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    UdpServerClients(Clock clock) {
        this.clock = clock;
    }

    /** The client of {@code server}, opened by {@code open} when there is none. */
    DestinationClient get(UdpServer server, Function<UdpServer, Entry> open) {
        List<Entry> evicted = new ArrayList<>();
        Entry e;
        synchronized (this) {
            Instant now = clock.instant();
            e = entries.get(server);
            if (e == null) {
                evict(now, evicted);
                e = open.apply(server);
                entries.put(server, e);
            }
            e.lastUsed = now;
        }
        evicted.forEach(Entry::close);
        return e.client;
    }

    /** Before adding one: the idle ones unused too long, and the least recently used idle ones over capacity. */
    private void evict(Instant now, List<Entry> evicted) {
        Iterator<Map.Entry<UdpServer, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            boolean stale = Duration.between(e.lastUsed, now).compareTo(IDLE) >= 0;
            boolean full = entries.size() >= CAPACITY;
            if ((stale || full) && e.client.statistics().pending() == 0) {
                it.remove();
                evicted.add(e);
            } else if (!stale && !full) {
                return; // access order: everything after is more recent
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    void closeAll() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        all.forEach(Entry::close);
    }
}
