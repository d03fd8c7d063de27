package dev.radsec.relay.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destinations' {@code rewrite-out} and {@code rewrite-in}, as relays apply them: the transport carries the names
 * of each destination it tries, this resolves them in the {@link RewriteRegistry}. A name list is resolved once
 * (the transport hands the same list for a destination until it is reconfigured), so a packet costs one map lookup.
 */
final class DestinationRewrites implements RadiusClient.Rewrites {
    /** Bounds the resolved chains: destinations are reconfigured, lists are made anew. */
    private static final int MAX_CHAINS = 4096;

    private final RewriteRegistry registry;
    private final Map<Key, RewriteUse> uses = new ConcurrentHashMap<>();

    /** A destination's list of one key. */
    private record Key(int destination, boolean in, List<String> names) {
    }

    DestinationRewrites(RewriteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RadiusPacket request(int destinationId, List<String> rewriteOut, RadiusPacket request) {
        return use(destinationId, false, rewriteOut).apply(request);
    }

    @Override
    public RadiusPacket response(int destinationId, List<String> rewriteIn, RadiusPacket response) {
        return use(destinationId, true, rewriteIn).apply(response);
    }

    private RewriteUse use(int destination, boolean in, List<String> names) {
        Key key = new Key(destination, in, names);
        RewriteUse use = uses.get(key);
        if (use == null) {
            if (uses.size() >= MAX_CHAINS) {
                uses.clear();
            }
            use = uses.computeIfAbsent(key, k -> new RewriteUse(registry.chain(names), (in ? "rewrite-in" : "rewrite-out")
                    + " of destination " + destination));
        }
        return use;
    }
}
