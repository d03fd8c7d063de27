package dev.radsec.transport.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A NAS sending accounting under load, as a NAS keeps accounting: each record (Accounting-Request Start with a
 * unique Acct-Session-Id and its Event-Timestamp) goes out at a steady rate, over our UDP client with its
 * retransmissions, and a record that is not answered is sent again, unchanged, a second later, until it is. So
 * nothing is lost at the NAS; the question is what reaches the server, and how often.
 */
final class AccountingNas implements AutoCloseable {
    private static final Pattern SESSION = Pattern.compile("Acct-Session-Id = \"([^\"]+)\"");
    private static final Duration RESEND = Duration.ofSeconds(1);

    private final RadiusClient client;
    private final int destination;
    private final String prefix;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "accounting-nas");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, RadiusPacket> unanswered = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private volatile int total;

    /** @param destination the relay, a UDP destination of {@code client} */
    AccountingNas(RadiusClient client, int destination, String prefix) {
        this.client = client;
        this.destination = destination;
        this.prefix = prefix;
    }

    /** Starts sending {@code count} records at {@code perSecond}; returns at once. */
    void start(int count, int perSecond) {
        total = count;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        executor.scheduleAtFixedRate(new Runnable() {
            private int next;

            @Override
            public void run() {
                if (next >= count) {
                    return;
                }
                int i = next++;
                RadiusPacket record = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, Dictionary.standard())
                        .add("User-Name", "nas-user-" + i).add("NAS-IP-Address", "127.0.0.1")
                        .add("Acct-Session-Id", session(i)).add("Acct-Status-Type", "Start")
                        .add("Event-Timestamp", Instant.now()).add("Acct-Delay-Time", 0).build();
                unanswered.put(i, record);
                sent.incrementAndGet();
                send(i, record);
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    String session(int i) {
        return prefix + "-" + i;
    }

    private void send(int i, RadiusPacket record) {
        client.send(destination, record).whenComplete((response, failure) -> {
            if (failure == null && response.code() == PacketCode.ACCOUNTING_RESPONSE) {
                if (unanswered.remove(i) != null) {
                    answered.incrementAndGet();
                }
            } else {
                resent.incrementAndGet();
                executor.schedule(() -> send(i, record), RESEND.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    int sent() {
        return sent.get();
    }

    int answered() {
        return answered.get();
    }

    /** Records sent again because they were not answered (after the client's own retransmissions). */
    int resent() {
        return resent.get();
    }

    /** Waits until every record was answered; false when {@code max} passed first. */
    boolean awaitAnswered(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (answered.get() < total || total == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** How often each of our Acct-Session-Ids is in the FreeRADIUS detail files under {@code dir}. */
    Map<String, Integer> detail(Path dir) throws IOException {
        Map<String, Integer> count = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().startsWith("detail-")).toList();
        }
        for (Path f : files) {
            Matcher m = SESSION.matcher(Files.readString(f));
            while (m.find()) {
                if (m.group(1).startsWith(prefix + "-")) {
                    count.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        return count;
    }

    /** Sessions of {@code detail} found other than once, and sessions sent but missing; empty when exactly once. */
    Map<String, Integer> notExactlyOnce(Map<String, Integer> detail) {
        Map<String, Integer> wrong = new HashMap<>();
        for (int i = 0; i < total; i++) {
            int n = detail.getOrDefault(session(i), 0);
            if (n != 1) {
                wrong.put(session(i), n);
            }
        }
        return wrong;
    }
}
