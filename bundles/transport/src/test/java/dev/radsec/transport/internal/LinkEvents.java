package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A {@link Link.Listener} that records what one link reports and every breach of the contract (an up after up or
 * down, a packet before up or after down, a second down), and waits for reports.
 */
final class LinkEvents implements Link.Listener {
    private final List<String> events = new ArrayList<>();
    private final List<String> breaches = new ArrayList<>();
    private final List<byte[]> packets = new ArrayList<>();
    /** Called with each packet, to play a server that answers. */
    private final BiConsumer<Link, byte[]> onPacket;
    private boolean up;
    private boolean down;
    volatile LinkInfo info;

    LinkEvents() {
        this((link, packet) -> { });
    }

    LinkEvents(BiConsumer<Link, byte[]> onPacket) {
        this.onPacket = onPacket;
    }

    @Override
    public void up(Link link, LinkInfo info) {
        synchronized (this) {
            if (up || down) {
                breaches.add("up after " + events);
            }
            up = true;
            this.info = info;
            events.add("up");
            notifyAll();
        }
    }

    @Override
    public void packet(Link link, byte[] packet) {
        synchronized (this) {
            if (!up || down) {
                breaches.add("packet after " + events);
            }
            events.add("packet");
            packets.add(packet);
            notifyAll();
        }
        onPacket.accept(link, packet);
    }

    @Override
    public synchronized void down(Link link, String reason) {
        if (down) {
            breaches.add("second down (" + reason + ") after " + events);
        }
        down = true;
        events.add("down: " + reason);
        notifyAll();
    }

    synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    synchronized List<byte[]> packets() {
        return new ArrayList<>(packets);
    }

    void awaitUp() throws InterruptedException {
        await("up", e -> e.contains("up"));
    }

    void awaitPackets(int n) throws InterruptedException {
        await(n + " packets", e -> e.stream().filter("packet"::equals).count() >= n);
    }

    void awaitDown() throws InterruptedException {
        await("down", e -> e.stream().anyMatch(s -> s.startsWith("down")));
    }

    private synchronized void await(String what, Predicate<List<String>> done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.test(events)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                fail("no " + what + " within 10 s; reported: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits a while for late reports, then asserts the contract held and {@code expected} is all that came. */
    void assertAfterSettling(Duration settle, List<String> expected) throws InterruptedException {
        Thread.sleep(settle.toMillis());
        synchronized (this) {
            assertEquals(List.of(), breaches, "contract breaches");
            assertEquals(expected, events);
        }
    }

    /** Asserts one down and no up, whatever its reason. */
    void assertOnlyDown(Duration settle) throws InterruptedException {
        Thread.sleep(settle.toMillis());
        synchronized (this) {
            assertEquals(List.of(), breaches, "contract breaches");
            assertEquals(1, events.size(), events.toString());
            assertEquals(true, events.get(0).startsWith("down: "), events.toString());
        }
    }
}
