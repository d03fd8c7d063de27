package dev.radsec.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Karaf distribution unpacked from its tar.gz and run as an operator runs it: {@code etc/} files edited before
 * the first boot, {@code bin/karaf server} with whatever JVM options the distribution ships ({@code bin/setenv}),
 * {@code bin/stop} to end it. Started with this JVM's Java (JAVA_HOME).
 */
final class KarafDistribution implements AutoCloseable {
    private static final String MAIN_CLASS = "org.apache.karaf.main.Main";
    private final Path home;
    private final Thread killer = new Thread(this::destroy, "karaf-killer");
    private Process launcher;
    private ProcessHandle java;
    private boolean hooked;

    private KarafDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks {@code tarball} (one top directory) into {@code dir}. */
    static KarafDistribution unpack(Path tarball, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar xzf " + tarball + " failed");
        }
        try (Stream<Path> top = Files.list(dir)) {
            return new KarafDistribution(top.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    Path home() {
        return home;
    }

    /**
     * Sets {@code values} in {@code etc/<file>}: a {@code key = value} line of the file is replaced, keys it lacks are
     * appended, everything else (comments, other keys) stays. A missing file is created.
     */
    void configure(String file, Map<String, String> values) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        Map<String, String> missing = new LinkedHashMap<>(values);
        List<String> lines = new ArrayList<>();
        for (String line : Files.exists(cfg) ? Files.readAllLines(cfg) : List.<String>of()) {
            String key = line.contains("=") && !line.strip().startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : "";
            lines.add(values.containsKey(key) ? key + " = " + values.get(key) : line);
            missing.remove(key);
        }
        missing.forEach((key, value) -> lines.add(key + " = " + value));
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    /**
     * Adds {@code javaOptions} after the shipped ones in {@code bin/setenv}, so they win: for measuring a setting
     * before shipping it ({@code -Drelayload.java-options}).
     */
    void addJavaOptions(String javaOptions) throws IOException {
        Files.writeString(home.resolve("bin/setenv"), "\nEXTRA_JAVA_OPTS=\"${EXTRA_JAVA_OPTS} " + javaOptions
                + "\"\nexport EXTRA_JAVA_OPTS\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * {@code bin/karaf server} in the background; returns when its Java process is there. After {@link #kill()} it
     * starts the same installation again, with its {@code etc/} and {@code data/}, as an operator's restart does.
     */
    void start() throws IOException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("Karaf in " + home + " is running");
        }
        java = null;
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        launcher = pb.start();
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(killer); // never leave a Karaf behind, even on Ctrl-C
            hooked = true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (java == null) {
            // bin/karaf runs the JVM as its child (it restarts it on request), not with exec
            java = launcher.descendants().filter(h -> h.info().commandLine().orElse("").contains(MAIN_CLASS))
                    .findFirst().orElse(null);
            if (java == null && (!launcher.isAlive() || System.nanoTime() > deadline)) {
                throw new IOException("bin/karaf server did not start Karaf's JVM; see " + home.resolve("console.log"));
            }
            Thread.sleep(50);
        }
    }

    /** Karaf's Java process. */
    long pid() {
        return java.pid();
    }

    boolean isAlive() {
        return java != null && java.isAlive();
    }

    String logTail() {
        try {
            String log = Files.readString(home.resolve("data/log/karaf.log"));
            return "--- tail of " + home.resolve("data/log/karaf.log") + " ---\n" + log.substring(Math.max(0, log.length() - 4000));
        } catch (IOException e) {
            return "(no karaf.log: " + e + ")";
        }
    }

    /** {@code bin/stop}, then waits up to {@code patience} for Karaf to end. True when it ended by itself. */
    boolean stop(Duration patience) throws IOException, InterruptedException {
        if (launcher == null || !launcher.isAlive()) {
            return true;
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("stop.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.start().waitFor(60, TimeUnit.SECONDS);
        return launcher.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * SIGKILL of Karaf's JVM, as a crash or {@code kill -9} ends it: no shutdown of anything. Returns when the process
     * is gone.
     */
    void kill() throws InterruptedException {
        if (java != null) {
            java.destroyForcibly(); // Process/ProcessHandle.destroyForcibly is SIGKILL on Linux
            try {
                java.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Karaf's JVM " + java.pid() + " did not end after SIGKILL", e);
            }
        }
        if (launcher != null) {
            launcher.waitFor(30, TimeUnit.SECONDS); // bin/karaf ends with its JVM
        }
    }

    private void destroy() {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        if (java != null) {
            java.destroyForcibly(); // in case bin/karaf ended first and left it behind
        }
    }

    /** Stops Karaf with {@code bin/stop}; kills what is left after 60 s. */
    @Override
    public void close() throws Exception {
        try {
            if (!stop(Duration.ofSeconds(60))) {
                System.err.println("Karaf did not end after bin/stop; killing it. " + logTail());
            }
        } finally {
            destroy();
            if (launcher != null) {
                try {
                    hooked = false;
                    Runtime.getRuntime().removeShutdownHook(killer);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down and runs it
                }
            }
        }
    }
}
