package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.relay.RewriteStatistics;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under one rewrite name: its configuration compiled (none while it is not configured, or while its
 * configuration is refused), and its counters. Relays hold the slot of each name they apply, so a rewrite configured,
 * changed or removed later takes effect in them at once.
 *
 * <p>A compiled form belongs to one dictionary: a packet decoded with another one (the operator's dictionary was
 * reloaded) compiles the configuration again for it, once, and a configuration refused for a name only the new
 * dictionary defines is applied then. A few forms are kept, so packets of two dictionaries in turn compile nothing.
 */
final class RewriteSlot {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteSlot.class);
    /** Compiled forms kept: the dictionaries a relay decodes with at once are one, or two while one is reloaded. */
    private static final int FORMS = 4;

    /**
     * What the configuration is with one dictionary: compiled, or (refused with it) the last good form of another
     * dictionary, or null when there is none.
     */
    private record Form(Dictionary dictionary, Rewrite rewrite) {
    }

    /** A configuration and its forms, most recent first; {@code problem} is empty while the latest compiled. */
    private record State(Map<String, ?> properties, Form[] forms, String problem) {
        Rewrite lastGood() {
            for (Form f : forms) {
                if (f.rewrite != null) {
                    return f.rewrite;
                }
            }
            return null;
        }

        State with(Form form, String problem) {
            Form[] next = new Form[Math.min(forms.length + 1, FORMS)];
            next[0] = form;
            System.arraycopy(forms, 0, next, 1, next.length - 1);
            return new State(properties, next, problem);
        }
    }

    final String name;
    final RewriteCounters counters = new RewriteCounters();
    /** Null: not configured. */
    private volatile State state;

    RewriteSlot(String name) {
        this.name = name;
    }

    /**
     * Applies a configuration compiled with {@code dictionary}. One refused keeps the last good one running; with
     * nothing running it is kept, to be tried again with the next dictionary.
     */
    synchronized void configure(Map<String, ?> properties, Dictionary dictionary) throws InvalidConfigurationException {
        boolean fresh = state == null;
        if (fresh) {
            counters.reset();
        }
        try {
            state = new State(properties, new Form[] {new Form(dictionary, Rewrite.compile(properties, dictionary))}, "");
        } catch (InvalidConfigurationException e) {
            State old = state;
            if (old == null || old.lastGood() == null) {
                state = new State(properties, new Form[] {new Form(dictionary, null)}, "refused: " + e.getMessage());
            }
            throw e;
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
        Dictionary d = packet.dictionary();
        for (Form f : s.forms) {
            if (f.dictionary == d) {
                return f.rewrite == null ? null : f.rewrite.apply(packet, counters);
            }
        }
        Form f = compile(d);
        return f == null || f.rewrite == null ? null : f.rewrite.apply(packet, counters);
    }

    /** The form for {@code dictionary}, compiled now; null when not configured. */
    private synchronized Form compile(Dictionary dictionary) {
        State s = state;
        if (s == null) {
            return null;
        }
        for (Form f : s.forms) {
            if (f.dictionary == dictionary) {
                return f; // another thread compiled it meanwhile
            }
        }
        Rewrite lastGood = s.lastGood();
        Form form;
        try {
            form = new Form(dictionary, Rewrite.compile(s.properties, dictionary));
            state = s.with(form, "");
            if (lastGood == null) {
                LOG.info("Rewrite {} is applied now, with the dictionary in effect", name);
            }
        } catch (InvalidConfigurationException e) {
            form = new Form(dictionary, lastGood); // matched by oid, the earlier form still applies
            state = s.with(form, lastGood == null ? "refused: " + e.getMessage() : "");
            LOG.warn("Rewrite {} does not compile with the dictionary now in effect: {}; {}", name, e.getMessage(),
                    lastGood == null ? "packets it applies to are dropped" : "its earlier form stays");
        }
        return form;
    }

    RewriteStatistics statistics() {
        State s = state;
        RewriteCounters c = counters;
        return new RewriteStatistics(name, s == null ? "not configured" : s.problem, c.packets.sum(), c.touched.sum(),
                c.removed.sum(), c.added.sum(), c.modified.sum());
    }

    @Override
    public String toString() {
        State s = state;
        return "rewrite " + name + (s == null ? " (not configured)" : " " + Arrays.toString(s.forms));
    }
}
