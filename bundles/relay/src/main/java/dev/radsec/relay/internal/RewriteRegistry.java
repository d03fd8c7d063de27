package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;

/**
 * The rewrites by name ({@link RewriteMonitor}): one {@link RewriteSlot} per name any configuration, relay or
 * destination has named. A name is one configuration's: a second configuration with a name already taken is refused
 * until the first goes.
 */
@Component(service = {RewriteMonitor.class, RewriteRegistry.class})
public final class RewriteRegistry implements RewriteMonitor {
    private final Map<String, RewriteSlot> slots = new ConcurrentSkipListMap<>();
    /** Which configuration (PID) holds each configured name. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    /** What relays hand the transport to apply destinations' rewrite keys. */
    private final DestinationRewrites destinations = new DestinationRewrites(this);

    DestinationRewrites destinations() {
        return destinations;
    }

    /** The slot of {@code name}, made when first asked for: relays name rewrites configured later too. */
    RewriteSlot slot(String name) {
        return slots.computeIfAbsent(name, RewriteSlot::new);
    }

    /** The chain of {@code names}, in order; {@link RewriteChain#NONE} for none. */
    RewriteChain chain(List<String> names) {
        if (names.isEmpty()) {
            return RewriteChain.NONE;
        }
        List<RewriteSlot> chain = new ArrayList<>();
        for (String name : names) {
            chain.add(slot(name));
        }
        return new RewriteChain(chain);
    }

    /**
     * Applies configuration {@code pid} under the name it gives itself, leaving any name it had before.
     *
     * @return it, compiled
     *
     * @throws InvalidConfigurationException as the configuration is refused; a refused change keeps what ran
     */
    synchronized Rewrite configure(String pid, Map<String, ?> properties, Dictionary dictionary)
            throws InvalidConfigurationException {
        Rewrite compiled = Rewrite.compile(properties, dictionary); // refused here: nothing changes
        String name = compiled.name;
        String owner = owners.get(name);
        if (owner != null && !owner.equals(pid)) {
            throw new InvalidConfigurationException("name", "'" + name + "' is already the name of " + owner);
        }
        String before = nameOf(pid);
        if (before != null && !before.equals(name)) {
            remove(pid);
        }
        slot(name).configure(properties, dictionary);
        owners.put(name, pid);
        return compiled;
    }

    /**
     * Keeps a configuration refused at its first start (a name only a dictionary not loaded yet defines) in its
     * slot, to be tried again with the next dictionary; relays drop what it applies to meanwhile.
     */
    synchronized void configureLater(String pid, String name, Map<String, ?> properties, Dictionary dictionary) {
        String before = nameOf(pid);
        if (name == null || owners.containsKey(name) && !owners.get(name).equals(pid)
                || before != null && !before.equals(name)) {
            return; // the name is another's, or this configuration runs under its old name: that stays
        }
        try {
            slot(name).configure(properties, dictionary);
        } catch (InvalidConfigurationException refusedAgain) {
            // kept in the slot with its problem
        }
        owners.put(name, pid);
    }

    synchronized void remove(String pid) {
        String name = nameOf(pid);
        if (name != null) {
            owners.remove(name);
            slot(name).unconfigure();
        }
    }

    private String nameOf(String pid) {
        return owners.entrySet().stream().filter(e -> e.getValue().equals(pid)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    @Override
    public List<RewriteStatistics> rewrites() {
        List<RewriteStatistics> out = new ArrayList<>();
        for (RewriteSlot s : slots.values()) {
            if (s.configured()) {
                out.add(s.statistics());
            }
        }
        return out;
    }

    @Override
    public Optional<RewriteStatistics> rewrite(String name) {
        RewriteSlot s = slots.get(name);
        return s == null || !s.configured() ? Optional.empty() : Optional.of(s.statistics());
    }
}
