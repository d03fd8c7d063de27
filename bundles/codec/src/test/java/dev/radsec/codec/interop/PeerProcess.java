package dev.radsec.codec.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The process plumbing the interop peers ({@link FreeRadiusProcess}, {@link RadsecproxyProcess}) share: one peer
 * daemon started in the foreground with its console in a file, a readiness poll with a deadline, a stop that
 * escalates from SIGTERM to SIGKILL (also from a JVM shutdown hook, should the test runner die without closing
 * it), log tails for assertion messages, free loopback ports, and configuration files only their owner reads.
 * The client tools ({@link Radclient}, {@link OpenSslClient}, {@link EapolTest}, {@link TestPki}'s openssl) use
 * its {@link #launch} and {@link #kill}.
 */
final class PeerProcess implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Attempts of {@link #startWithRetries}: a port picked free may be taken by another process before use. */
    static final int START_ATTEMPTS = 3;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_LOG_CHARS = 200_000;

    private final String name;
    private final Process process;
    private final Thread shutdownHook;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly,
                name.toLowerCase(Locale.ROOT) + "-" + process.pid() + "-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Runs {@code command} in {@code dir} with standard input from {@code /dev/null} and standard output and
     * error into {@code console}.
     *
     * @param name how messages name the peer, e.g. {@code FreeRADIUS}
     */
    static PeerProcess start(String name, List<String> command, Path dir, Path console) throws IOException {
        return start(name, command, Map.of(), dir, console);
    }

    /**
     * {@link #start(String, List, Path, Path)} with {@code environment} added to this JVM's environment (e.g.
     * {@code LD_LIBRARY_PATH} for a peer unpacked outside the system directories).
     */
    static PeerProcess start(String name, List<String> command, Map<String, String> environment, Path dir,
                             Path console) throws IOException {
        return new PeerProcess(name, launch(command, environment, dir, console));
    }

    /** Starts {@code command} as {@link #start} does, without a shutdown hook: for short-lived helper runs. */
    static Process launch(List<String> command, Path dir, Path output) throws IOException {
        return launch(command, Map.of(), dir, output);
    }

    /** {@link #launch(List, Path, Path)} with {@code environment} added to this JVM's environment. */
    static Process launch(List<String> command, Map<String, String> environment, Path dir, Path output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** One poll of a readiness check: true once the peer is ready. */
    interface Probe {
        boolean ready() throws IOException;
    }

    /**
     * Polls {@code probe}, {@code interval} apart, until it says ready.
     *
     * @param waitingFor what readiness means, for the timeout message, e.g. {@code answer Status-Server}
     * @param peer       the peer, named in the messages
     * @param log        the peer's logs, for the messages
     * @throws PortTaken             when the process exited saying a port it was to bind was in use
     * @throws IllegalStateException when it exited otherwise, or did not become ready within {@code timeout}
     */
    void awaitReady(Duration timeout, Duration interval, String waitingFor, Object peer, Supplier<String> log,
                    Probe probe) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String text = log.get();
                String message = name + " exited with code " + process.exitValue() + " while starting (" + peer
                        + ")\n" + text;
                if (text.contains("Address already in use")) {
                    throw new PortTaken(message);
                }
                throw new IllegalStateException(message);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not " + waitingFor + " within " + timeout + " (" + peer
                        + ")\n" + log.get());
            }
            if (probe.ready()) {
                return;
            }
            pause(interval.toMillis());
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or will run; nothing left to do.
        }
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; waits for the exit. */
    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills {@code p} (SIGKILL) if it still runs, and waits for it: for helpers with nothing to shut down cleanly. */
    static void kill(Process p) {
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The peer exited because a port it was to bind was in use: worth a new attempt on other ports. */
    static final class PortTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    /** One attempt at starting a peer, on ports and in a directory of its own. */
    interface Attempt<T> {
        T start() throws IOException;
    }

    /**
     * Up to {@link #START_ATTEMPTS} attempts; the next one only after a {@link PortTaken}, and only when
     * {@code newPortsEachTime} (some port is picked free per attempt rather than fixed by the test).
     */
    static <T> T startWithRetries(boolean newPortsEachTime, Attempt<T> attempt) throws IOException {
        PortTaken last = null;
        for (int i = 1; i <= START_ATTEMPTS; i++) {
            try {
                return attempt.start();
            } catch (PortTaken e) {
                last = e;
                if (!newPortsEachTime) {
                    break;
                }
            }
        }
        throw last;
    }

    /** The last 200,000 characters of {@code file}, for assertion messages; never throws. */
    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(none)";
            }
            String s = Files.readString(file, StandardCharsets.ISO_8859_1);
            return s.length() <= MAX_LOG_CHARS ? s : "...\n" + s.substring(s.length() - MAX_LOG_CHARS);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Writes {@code content} and gives the file {@code permissions}, e.g. {@code rw-r-----}. */
    static void writeFile(Path file, String content, String permissions) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    /**
     * A UDP port on {@code 127.0.0.1} that was free a moment ago: bound and released. Another process may take
     * it before it is used.
     */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TCP port on {@code 127.0.0.1} that was free a moment ago: bound and released. Another process may take
     * it before it is used.
     */
    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sleeps between polls; an interrupt ends the wait with {@link IllegalStateException}. */
    void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }
}
