package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A NAS load generator in its own JVM, so the relay under test does not share a process with it: one thread,
 * non-blocking UDP sockets of 200 Identifiers each, PAP Access-Requests, every answer's Response Authenticator
 * verified, no retransmissions. A request unanswered after 5 s is counted lost; every request sent ends as answered
 * or lost.
 * The Identifier's encoded request is kept to verify its answer. Prints {@code measuring} when the warm-up ends,
 * then {@code answered lost p50-ms p99-ms sent} on one line.
 *
 * Two modes, chosen by the {@code load} argument:
 * <ul>
 * <li>{@code 200}: closed loop, a fixed number of requests in flight (a new one as soon as one ends);
 * <li>{@code 3000/s}: open loop, a fixed send rate whatever the answers do, paced evenly: every millisecond the
 * requests due by then ({@code rate * elapsed}), so about 3 per millisecond at 3000/s, not a burst per second.
 * Sockets are added when all Identifiers of the current ones are in flight; should the Identifiers run out
 * altogether (more than {@code rate * 6 s} outstanding, which the 5 s expiry prevents), a request due is counted
 * sent and lost.
 * </ul>
 *
 * Two system properties of the child add what a balancer test needs:
 * <ul>
 * <li>{@code load.stations=3000}: the requests carry that many distinct Calling-Station-Ids in turn (one NAS with
 * that many Wi-Fi clients), so a keyed balancer spreads them; without it every request is the same client;
 * <li>{@code load.bins=<file>}: after the run, one line per 100 ms of the measured part, by when the requests were
 * sent: {@code start-ms sent answered} (answered with an Access-Accept; the rest were lost), for outage curves.
 * </ul>
 *
 * <pre>java -cp benchmarks.jar dev.radsec.benchmarks.LoadGenerator port secret seconds load warm-up-seconds</pre>
 */
public final class LoadGenerator {
    private static final int IDS_PER_SOCKET = 200;
    private static final long LOST_AFTER = TimeUnit.SECONDS.toNanos(5);

    private final PacketCodec codec = new PacketCodec(Dictionary.standard());
    private final SharedSecret secret;
    private final RadiusPacket[] requests;
    private int nextRequest;
    /** Per 100 ms of the measured run, by send time: requests sent and answered. */
    private final int[] binSent = new int[100_000];
    private final int[] binAnswered = new int[100_000];
    private long runStart;
    private final InetSocketAddress target;
    private final long[] latencies = new long[8_000_000];
    private int answered;
    private int lost;
    private long sent;

    /** One socket and its Identifiers: the encoded request per Identifier and when it was sent (0: free). */
    private final class Lane {
        final DatagramChannel channel;
        final byte[][] wire = new byte[256][];
        final long[] sentAt = new long[256];
        final int[] bin = new int[256];
        int nextId;

        Lane(Selector selector) throws IOException {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(target);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        /** Sends on the next free Identifier; false when all are in flight. */
        boolean send(long now) throws IOException {
            int id = nextId;
            while (sentAt[id] != 0) {
                id = (id + 1) % IDS_PER_SOCKET;
                if (id == nextId) {
                    return false;
                }
            }
            nextId = (id + 1) % IDS_PER_SOCKET;
            RadiusPacket request = requests[nextRequest];
            nextRequest = (nextRequest + 1) % requests.length;
            byte[] bytes = codec.encodeRequest(request.toBuilder().identifier(id).authenticator(null).build(), secret);
            wire[id] = bytes;
            sentAt[id] = now;
            bin[id] = binOf(now);
            binSent[bin[id]]++;
            sent++;
            try {
                channel.write(ByteBuffer.wrap(bytes));
            } catch (java.net.PortUnreachableException e) {
                // nothing listens there (the relay stopped): the request is sent and will be counted lost
            }
            return true;
        }

        /** Reads every waiting answer; returns how many requests ended. */
        int receive(ByteBuffer buffer, long now) throws IOException {
            int ended = 0;
            while (true) {
                buffer.clear();
                int read;
                try {
                    read = channel.read(buffer);
                } catch (java.net.PortUnreachableException e) {
                    continue; // the ICMP answer to an earlier datagram, not an answer: read on
                }
                if (read <= 0) {
                    return ended;
                }
                int id = buffer.get(1) & 0xff;
                if (id >= IDS_PER_SOCKET || sentAt[id] == 0) {
                    continue; // late answer to a request already counted lost
                }
                try {
                    RadiusPacket answer = codec.decodeResponse(Arrays.copyOf(buffer.array(), buffer.position()), wire[id], secret);
                    if (answer.code() == PacketCode.ACCESS_ACCEPT) {
                        if (answered < latencies.length) {
                            latencies[answered] = now - sentAt[id];
                        }
                        answered++;
                        binAnswered[bin[id]]++;
                    } else {
                        lost++;
                    }
                } catch (RadiusDecodeException e) {
                    continue; // not our answer: keep waiting for it
                }
                sentAt[id] = 0;
                ended++;
            }
        }

        /** Counts requests unanswered for too long as lost; returns how many. */
        int expire(long now) {
            int ended = 0;
            for (int id = 0; id < IDS_PER_SOCKET; id++) {
                if (sentAt[id] != 0 && now - sentAt[id] > LOST_AFTER) {
                    sentAt[id] = 0;
                    lost++;
                    ended++;
                }
            }
            return ended;
        }
    }

    private LoadGenerator(InetSocketAddress target, String secret, int stations) {
        this.target = target;
        this.secret = SharedSecret.of(secret);
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "alice").add("User-Password", "alice-pw").add("NAS-Identifier", "load")
                .add("NAS-IP-Address", "127.0.0.1").build();
        this.requests = new RadiusPacket[Math.max(1, stations)];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = stations == 0 ? request : request.toBuilder()
                    .add("Calling-Station-Id", String.format("02-00-00-%02X-%02X-%02X", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff))
                    .build();
        }
    }

    /** The 100 ms bin of the measured run that {@code nanoTime} falls in (the last bin for anything later). */
    private int binOf(long nanoTime) {
        return (int) Math.min(binSent.length - 1, Math.max(0, (nanoTime - runStart) / 100_000_000L));
    }

    /** Called when the measured part of a child run starts (after its warm-up). */
    interface Measuring {
        void started() throws IOException;
    }

    /**
     * Runs a generator in a child JVM (its own process, so it shares nothing with the relay under test) and waits
     * for it. Returns answered, lost, p50 ms, p99 ms, sent.
     *
     * @throws IllegalStateException when the child fails, e.g. because the relay's port is gone
     */
    static String[] inChildJvm(int port, String secret, int seconds, int window, int warmUpSeconds, Measuring measuring)
            throws IOException, InterruptedException {
        return inChildJvm(port, secret, seconds, String.valueOf(window), warmUpSeconds, measuring, List.of());
    }

    /**
     * {@link #inChildJvm(int, String, int, int, int, Measuring)} with the load as the generator's argument: {@code "200"}
     * in flight (closed loop) or {@code "3000/s"} (open loop at that rate).
     */
    static String[] inChildJvm(int port, String secret, int seconds, String load, int warmUpSeconds, Measuring measuring)
            throws IOException, InterruptedException {
        return inChildJvm(port, secret, seconds, load, warmUpSeconds, measuring, List.of());
    }

    /**
     * {@link #inChildJvm(int, String, int, String, int, Measuring)} with system properties for the child
     * ({@code "-Dload.stations=3000"}, {@code "-Dload.bins=/tmp/bins"}).
     */
    static String[] inChildJvm(int port, String secret, int seconds, String load, int warmUpSeconds, Measuring measuring,
                               List<String> properties) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(properties);
        command.addAll(List.of(LoadGenerator.class.getName(), String.valueOf(port), secret, String.valueOf(seconds),
                load, String.valueOf(warmUpSeconds)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        if ("measuring".equals(out.readLine())) {
            measuring.started();
        }
        String line = out.readLine();
        if (p.waitFor() != 0 || line == null) {
            throw new IllegalStateException("load generator failed: " + line);
        }
        return line.split(" ");
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator g = new LoadGenerator(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), args[1],
                Integer.getInteger("load.stations", 0));
        int seconds = Integer.parseInt(args[2]);
        String load = args[3];
        boolean openLoop = load.endsWith("/s");
        int amount = Integer.parseInt(openLoop ? load.substring(0, load.length() - 2) : load);
        if (amount <= 0) {
            throw new IllegalArgumentException("load must be positive: " + load);
        }
        // warm-up: the relay's JIT, connections, buffers
        if (openLoop) {
            g.runOpenLoop(Integer.parseInt(args[4]), amount);
        } else {
            g.run(Integer.parseInt(args[4]), amount);
        }
        g.answered = 0;
        g.lost = 0;
        g.sent = 0;
        Arrays.fill(g.binSent, 0);
        Arrays.fill(g.binAnswered, 0);
        g.runStart = System.nanoTime();
        System.out.println("measuring");
        System.out.flush();
        if (openLoop) {
            g.runOpenLoop(seconds, amount);
        } else {
            g.run(seconds, amount);
        }
        long[] l = Arrays.copyOf(g.latencies, Math.min(g.answered, g.latencies.length));
        Arrays.sort(l);
        double p50 = l.length == 0 ? 0 : l[l.length / 2] / 1e6;
        double p99 = l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1e6;
        String bins = System.getProperty("load.bins");
        if (bins != null) {
            g.writeBins(Path.of(bins), seconds);
        }
        System.out.printf("%d %d %.2f %.2f %d%n", g.answered, g.lost, p50, p99, g.sent);
    }

    private void writeBins(Path file, int seconds) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int b = 0; b < Math.min(binSent.length, seconds * 10); b++) {
            out.append(b * 100).append(' ').append(binSent[b]).append(' ').append(binAnswered[b]).append('\n');
        }
        Files.writeString(file, out);
    }

    private void run(int seconds, int window) throws IOException {
        try (Selector selector = Selector.open()) {
            // one spare lane, so a slow Identifier never holds the window below its size
            Lane[] lanes = new Lane[(window + IDS_PER_SOCKET - 1) / IDS_PER_SOCKET + 1];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new Lane(selector);
            }
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int inFlight = 0;
            int next = 0;
            long lastExpiry = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                // keep the window full while the run lasts, lanes in turn so each keeps at most IDS_PER_SOCKET
                while (now < end && inFlight < window) {
                    if (lanes[next].send(now)) {
                        inFlight++;
                    }
                    next = (next + 1) % lanes.length;
                }
                if (now >= end && inFlight == 0) {
                    break;
                }
                selector.select(100);
                now = System.nanoTime();
                boolean expire = now - lastExpiry > TimeUnit.MILLISECONDS.toNanos(500);
                inFlight -= settle(selector, java.util.Arrays.asList(lanes), buffer, now, expire);
                if (expire) {
                    lastExpiry = now;
                }
            }
            for (Lane lane : lanes) {
                lane.channel.close();
            }
        }
    }

    /**
     * Open loop: {@code rate} requests per second for {@code seconds}, whatever the answers do, then waits until
     * every request sent has ended (answered, or lost after 5 s).
     */
    private void runOpenLoop(int seconds, int rate) throws IOException {
        try (Selector selector = Selector.open()) {
            // enough Identifiers for everything that can be outstanding: rate * 5 s, plus the expiry's 500 ms period
            int maxLanes = (int) Math.min(Integer.MAX_VALUE, (rate * 6L + IDS_PER_SOCKET - 1) / IDS_PER_SOCKET + 1);
            java.util.List<Lane> lanes = new java.util.ArrayList<>();
            lanes.add(new Lane(selector));
            lanes.add(new Lane(selector)); // two to begin with, as the closed loop at 200 in flight
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            long start = System.nanoTime();
            long duration = TimeUnit.SECONDS.toNanos(seconds);
            long end = start + duration;
            long due = (long) rate * seconds; // requests of this run
            long issued = 0; // requests due so far: sent, or counted lost when no Identifier was free
            int inFlight = 0;
            int next = 0;
            long lastExpiry = start;
            while (true) {
                long now = System.nanoTime();
                // the requests due by now, sent evenly: at a tick of 1 ms, rate / 1000 of them
                long dueNow = now >= end ? due : (now - start) * rate / 1_000_000_000L;
                while (issued < dueNow) {
                    issued++;
                    boolean done = false;
                    for (int tried = 0; tried < lanes.size() && !done; tried++) {
                        done = lanes.get(next).send(now);
                        next = (next + 1) % lanes.size();
                    }
                    if (!done && lanes.size() < maxLanes) {
                        Lane lane = new Lane(selector); // every Identifier in flight: one more socket
                        lanes.add(lane);
                        done = lane.send(now);
                    }
                    if (done) {
                        inFlight++;
                    } else {
                        sent++; // due but no Identifier free: lost without being sent
                        lost++;
                    }
                }
                if (issued >= due && inFlight == 0) {
                    break;
                }
                if (issued < due) {
                    // wake at the next millisecond (or at an answer), so the requests stay spread evenly
                    selector.select(1);
                } else {
                    selector.select(100); // all sent: only answers and expiry left
                }
                now = System.nanoTime();
                boolean expire = now - lastExpiry > TimeUnit.MILLISECONDS.toNanos(500);
                inFlight -= settle(selector, lanes, buffer, now, expire);
                if (expire) {
                    lastExpiry = now;
                }
            }
            for (Lane lane : lanes) {
                lane.channel.close();
            }
        }
    }

    /** Reads the answers the selector woke for and, when {@code expire}, ends what waited too long: how many left flight. */
    private static int settle(Selector selector, Iterable<Lane> lanes, ByteBuffer buffer, long now, boolean expire)
            throws IOException {
        int done = 0;
        for (SelectionKey key : selector.selectedKeys()) {
            done += ((Lane) key.attachment()).receive(buffer, now);
        }
        selector.selectedKeys().clear();
        if (expire) {
            for (Lane lane : lanes) {
                done += lane.expire(now);
            }
        }
        return done;
    }
}
