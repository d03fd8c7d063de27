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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A NAS load generator in its own JVM, so the relay under test does not share a process with it: one thread,
 * non-blocking UDP sockets of 200 Identifiers each, a fixed number of PAP Access-Requests in flight, every answer's
 * Response Authenticator verified, no retransmissions. A request unanswered after 5 s is counted lost; every request
 * sent ends as answered or lost.
 * The Identifier's encoded request is kept to verify its answer. Prints {@code measuring} when the warm-up ends,
 * then {@code answered lost p50-ms p99-ms sent} on one line.
 *
 * <pre>java -cp benchmarks.jar dev.radsec.benchmarks.LoadGenerator port secret seconds in-flight warm-up-seconds</pre>
 */
public final class LoadGenerator {
    private static final int IDS_PER_SOCKET = 200;
    private static final long LOST_AFTER = TimeUnit.SECONDS.toNanos(5);

    private final PacketCodec codec = new PacketCodec(Dictionary.standard());
    private final SharedSecret secret;
    private final RadiusPacket request;
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
            byte[] bytes = codec.encodeRequest(request.toBuilder().identifier(id).authenticator(null).build(), secret);
            wire[id] = bytes;
            sentAt[id] = now;
            sent++;
            channel.write(ByteBuffer.wrap(bytes));
            return true;
        }

        /** Reads every waiting answer; returns how many requests ended. */
        int receive(ByteBuffer buffer, long now) throws IOException {
            int ended = 0;
            while (true) {
                buffer.clear();
                if (channel.read(buffer) <= 0) {
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

    private LoadGenerator(InetSocketAddress target, String secret) {
        this.target = target;
        this.secret = SharedSecret.of(secret);
        this.request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "alice").add("User-Password", "alice-pw").add("NAS-Identifier", "load")
                .add("NAS-IP-Address", "127.0.0.1").build();
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
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
                String.valueOf(port), secret, String.valueOf(seconds), String.valueOf(window), String.valueOf(warmUpSeconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        LoadGenerator g = new LoadGenerator(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), args[1]);
        int seconds = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        g.run(Integer.parseInt(args[4]), window); // warm-up: the relay's JIT, connections, buffers
        g.answered = 0;
        g.lost = 0;
        g.sent = 0;
        System.out.println("measuring");
        System.out.flush();
        g.run(seconds, window);
        long[] l = Arrays.copyOf(g.latencies, Math.min(g.answered, g.latencies.length));
        Arrays.sort(l);
        double p50 = l.length == 0 ? 0 : l[l.length / 2] / 1e6;
        double p99 = l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1e6;
        System.out.printf("%d %d %.2f %.2f %d%n", g.answered, g.lost, p50, p99, g.sent);
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
                for (SelectionKey key : selector.selectedKeys()) {
                    inFlight -= ((Lane) key.attachment()).receive(buffer, now);
                }
                selector.selectedKeys().clear();
                if (now - lastExpiry > TimeUnit.MILLISECONDS.toNanos(500)) {
                    for (Lane lane : lanes) {
                        inFlight -= lane.expire(now);
                    }
                    lastExpiry = now;
                }
            }
            for (Lane lane : lanes) {
                lane.channel.close();
            }
        }
    }
}
