package dev.radsec.relay.internal;

import dev.radsec.transport.AccountingSpoolStatistics;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the spools of one relay share: the size limit ({@code accounting-spool-max}), the bytes they use, their
 * counters, and the one warning when they are full (logged when they fill, not per request; again only after they
 * took a request in between).
 */
final class SpoolCounters {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolCounters.class);

    private final String relay;
    private volatile long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    final LongAdder spooled = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder full = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder torn = new LongAdder();
    private final AtomicBoolean isFull = new AtomicBoolean();
    private final LongAdder refusedWhileFull = new LongAdder();

    SpoolCounters(String relay, long maxBytes) {
        this.relay = relay;
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    void maxBytes(long max) {
        this.maxBytes = max;
    }

    /** Whether a record of {@code size} octets fits under the limit. */
    boolean fits(long size) {
        return bytes.get() + size <= maxBytes;
    }

    /** The files of a spool grew or shrank by {@code delta} octets, and its waiting records by {@code recordDelta}. */
    void changed(long delta, long recordDelta) {
        bytes.addAndGet(delta);
        records.addAndGet(recordDelta);
    }

    /** A request was not stored because the spools are full. */
    void refusedFull() {
        full.increment();
        refusedWhileFull.increment();
        if (isFull.compareAndSet(false, true)) {
            LOG.warn("Relay {}: the accounting spool is full ({} of {} MiB, {} records): Accounting-Requests no"
                    + " destination takes are left unanswered, so the NAS keeps them, until a destination is back"
                    + " and it drains (raise accounting-spool-max for more room)", relay, mib(bytes.get()),
                    mib(maxBytes), records.get());
        }
    }

    /** A request was stored: when the spools were full, say that they take requests again. */
    void stored() {
        spooled.increment();
        if (isFull.get() && isFull.compareAndSet(true, false)) {
            LOG.info("Relay {}: the accounting spool takes requests again; {} were left unanswered while it was full",
                    relay, refusedWhileFull.sumThenReset());
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    AccountingSpoolStatistics statistics() {
        return new AccountingSpoolStatistics(maxBytes, records.get(), bytes.get(), spooled.sum(), replayed.sum(),
                full.sum(), duplicates.sum(), torn.sum());
    }
}
