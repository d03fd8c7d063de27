package dev.radsec.relay.internal;

import dev.radsec.codec.RadiusPacket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain of rewrites where one key applies it ({@code rewrite-in of relay default}): a packet it cannot be applied
 * to (a rewrite it names is not configured, or refused) is dropped, and that is logged once, until it applies again.
 * A relay without the key holds {@link #NONE}, which costs a field test per packet.
 */
final class RewriteUse {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteUse.class);
    static final RewriteUse NONE = new RewriteUse(RewriteChain.NONE, "nothing");

    private final RewriteChain chain;
    private final String where;
    private final AtomicBoolean failing = new AtomicBoolean();

    RewriteUse(RewriteChain chain, String where) {
        this.chain = chain;
        this.where = where;
    }

    boolean isEmpty() {
        return chain.isEmpty();
    }

    /** The packet rewritten; null to drop it. */
    RadiusPacket apply(RadiusPacket packet) {
        RadiusPacket out = chain.apply(packet);
        if (out == null) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("{} names rewrite {}: {} packets are dropped until it is there", where, chain.missing(),
                        packet.code());
            }
        } else if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.info("{}: its rewrites {} apply again", where, chain);
        }
        return out;
    }

    @Override
    public String toString() {
        return where + ": " + chain;
    }
}
