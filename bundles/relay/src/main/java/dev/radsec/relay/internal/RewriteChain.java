package dev.radsec.relay.internal;

import dev.radsec.codec.RadiusPacket;
import java.util.List;

/**
 * Rewrites applied one after another, in the order a key names them ({@code rewrite-in = a, b}). Resolved to slots
 * once per configuration, so a packet costs no lookup by name.
 */
final class RewriteChain {
    /** No rewrite: {@link #apply} is never called on it; relays test {@link #isEmpty()}. */
    static final RewriteChain NONE = new RewriteChain(List.of());

    private final RewriteSlot[] slots;

    RewriteChain(List<RewriteSlot> slots) {
        this.slots = slots.toArray(new RewriteSlot[0]);
    }

    boolean isEmpty() {
        return slots.length == 0;
    }

    /** The packet through every rewrite; null when one of them is not there to apply (the packet is dropped). */
    RadiusPacket apply(RadiusPacket packet) {
        RadiusPacket p = packet;
        for (RewriteSlot s : slots) {
            p = s.apply(p);
            if (p == null) {
                return null;
            }
        }
        return p;
    }

    /** The first rewrite of the chain that cannot be applied now, for messages; null when all can. */
    String missing() {
        for (RewriteSlot s : slots) {
            String problem = s.statistics().problem();
            if (!problem.isEmpty()) {
                return s.name + " (" + problem + ")";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (RewriteSlot s : slots) {
            b.append(b.length() == 0 ? "" : ", ").append(s.name);
        }
        return b.toString();
    }
}
