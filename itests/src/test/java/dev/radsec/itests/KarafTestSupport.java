package dev.radsec.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the Karaf integration tests share: bounded waits, writing into {@code etc/} the way an operator does, and
 * {@code karaf.log} for failure messages.
 */
final class KarafTestSupport {
    private KarafTestSupport() {
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for: " + what + state.get());
            }
            Thread.sleep(100);
        }
    }

    static void holds(String what, Duration window, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                fail("no longer true within " + window.toMillis() + " ms: " + what + state.get());
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
    }

    /** Writes a file the way a careful operator (or a config tool) does: a temporary name, then a rename. */
    static void writeAtomically(Path file, String content) throws IOException {
        // fileinstall only looks at *.cfg, so the temporary name is never picked up half-written.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path etc() {
        return Path.of(RadsecKaraf.property("karaf.etc")).toAbsolutePath().normalize();
    }

    static Path karafLog() {
        return Path.of(RadsecKaraf.property("karaf.data"), "log", "karaf.log");
    }

    static long logSize() {
        try {
            return Files.size(karafLog());
        } catch (IOException e) {
            return 0;
        }
    }

    static String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(karafLog());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of data/log/karaf.log, for failure messages. */
    static String logTail() {
        try {
            List<String> lines = Files.readAllLines(karafLog(), StandardCharsets.UTF_8);
            return "--- tail of " + karafLog() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read karaf.log: " + e + ")";
        }
    }

    static String list(Path directory) {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()).toString();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
