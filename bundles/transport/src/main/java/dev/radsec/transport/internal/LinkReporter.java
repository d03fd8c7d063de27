package dev.radsec.transport.internal;

/**
 * Reports one link's events to its listener in the order {@link Link}'s contract promises, whichever thread each
 * comes from: up at most once, packets only while up, down exactly once and last. Reports are made under this
 * object's lock, so a close from a timer or the PKI waits for a packet being reported instead of overtaking it.
 * That cannot deadlock: listeners never call into a link while holding a lock of their own (DestinationClient
 * defers its link I/O until it has released its monitor).
 */
final class LinkReporter {
    private final Link link;
    private final Link.Listener listener;
    private boolean up;
    private boolean down;

    LinkReporter(Link link, Link.Listener listener) {
        this.link = link;
        this.listener = listener;
    }

    /** @return whether the link came up now; false if it was already up or is down */
    synchronized boolean up(LinkInfo info) {
        if (up || down) {
            return false;
        }
        up = true;
        listener.up(link, info);
        return true;
    }

    /** @return whether the packet was reported; false once the link is down */
    synchronized boolean packet(byte[] packet) {
        if (up && !down) {
            listener.packet(link, packet);
            return true;
        }
        return false;
    }

    synchronized void unreadable(String problem) {
        if (!down) {
            listener.unreadable(link, problem);
        }
    }

    /** @return whether this was the link's down; false if it had been reported already */
    synchronized boolean down(String reason) {
        if (down) {
            return false;
        }
        down = true;
        listener.down(link, reason);
        return true;
    }

    synchronized boolean isUp() {
        return up && !down;
    }

    synchronized boolean isDown() {
        return down;
    }
}
