package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.relay.RewriteStatistics;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under one rewrite name: its compiled configuration (none while it is not configured, or while its
 * configuration is refused), and its counters. Relays hold the slot of each name they apply, so a rewrite
 * configured, changed or removed later takes effect in them at once. Its compiled form belongs to one dictionary:
 * a packet decoded with another one (the operator's dictionary was reloaded) compiles it again, once, and a
 * configuration refused for a name only the new dictionary defines is tried again then.
 */
final class RewriteSlot {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteSlot.class);

    /** The configuration and what became of it with one dictionary. */
    private record State(Map<String, ?> properties, Rewrite rewrite, Dictionary triedWith, String problem) {
    }

    final String name;
    final RewriteCounters counters = new RewriteCounters();
    /** Null: not configured. */
    private volatile State state;

    RewriteSlot(String name) {
        this.name = name;
    }

    /** Applies a configuration compiled with {@code dictionary}; one refused keeps the last good one running. */
    synchronized void configure(Map<String, ?> properties, Dictionary dictionary) throws InvalidConfigurationException {
        boolean fresh = state == null;
        try {
            state = new State(properties, Rewrite.compile(properties, dictionary), dictionary, "");
        } catch (InvalidConfigurationException e) {
            State old = state;
            if (old == null || old.rewrite == null) {
                // nothing ran: kept, to be tried again with the next dictionary
                state = new State(properties, null, dictionary, "refused: " + e.getMessage());
            }
            throw e;
        } finally {
            if (fresh) {
                counters.reset();
            }
        }
    }

    synchronized void unconfigure() {
        state = null;
        counters.reset();
    }

    boolean configured() {
        return state != null;
    }

    /**
     * The packet rewritten; null when this rewrite cannot be applied (not configured, or refused): what relays
     * then drop rather than pass on without their policy.
     */
    RadiusPacket apply(RadiusPacket packet) {
        State s = state;
        if (s == null) {
            return null;
        }
        if (s.triedWith != packet.dictionary()) {
            s = recompile(packet.dictionary());
        }
        return s.rewrite == null ? null : s.rewrite.apply(packet, counters);
    }

    private synchronized State recompile(Dictionary dictionary) {
        State s = state;
        if (s == null || s.triedWith == dictionary) {
            return s == null ? new State(Map.of(), null, dictionary, "not configured") : s;
        }
        try {
            state = new State(s.properties, Rewrite.compile(s.properties, dictionary), dictionary, "");
            if (s.rewrite == null) {
                LOG.info("Rewrite {} is applied now, with the dictionary in effect", name);
            }
        } catch (InvalidConfigurationException e) {
            // the last good form stays where there is one; said once per dictionary
            state = new State(s.properties, s.rewrite, dictionary, s.rewrite == null ? "refused: " + e.getMessage()
                    : "");
            LOG.warn("Rewrite {} does not compile with the dictionary now in effect: {}; {}", name, e.getMessage(),
                    s.rewrite == null ? "packets it applies to are dropped" : "its earlier form stays");
        }
        return state;
    }

    RewriteStatistics statistics() {
        State s = state;
        RewriteCounters c = counters;
        return new RewriteStatistics(name, s == null ? "not configured" : s.problem, c.packets.sum(), c.touched.sum(),
                c.removed.sum(), c.added.sum(), c.modified.sum());
    }
}
