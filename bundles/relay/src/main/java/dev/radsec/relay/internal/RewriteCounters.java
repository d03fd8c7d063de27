package dev.radsec.relay.internal;

import java.util.concurrent.atomic.LongAdder;

/** What one rewrite did: counted on the relay's threads, read by JMX and the shell. */
final class RewriteCounters {
    final LongAdder packets = new LongAdder();
    final LongAdder touched = new LongAdder();
    final LongAdder removed = new LongAdder();
    final LongAdder added = new LongAdder();
    final LongAdder modified = new LongAdder();

    void reset() {
        packets.reset();
        touched.reset();
        removed.reset();
        added.reset();
        modified.reset();
    }
}
