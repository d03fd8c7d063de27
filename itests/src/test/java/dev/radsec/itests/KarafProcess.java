package dev.radsec.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Karaf distribution on disk, run as an operator runs it: {@code bin/karaf server} in its own process, commands
 * through {@code bin/client}, {@code bin/stop} to end it. Each test gets its own copy, so runs do not share state.
 */
final class KarafProcess implements AutoCloseable {
    private final Path home;
    private Process process;

    private KarafProcess(Path home) {
        this.home = home;
    }

    /** A fresh copy of {@code distribution} under {@code workDir}. */
    static KarafProcess copyOf(Path distribution, Path workDir) throws IOException {
        Path home = workDir.resolve(distribution.getFileName());
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new KarafProcess(home);
    }

    Path home() {
        return home;
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    String logText() {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String logTail() {
        String all = logText();
        return "--- tail of " + log() + " ---\n" + all.substring(Math.max(0, all.length() - 6000));
    }

    /** Starts {@code bin/karaf server} with this JVM's Java (17). */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Runs shell commands through {@code bin/client} as {@code user}; returns what they printed. */
    String client(String user, String password, String commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-u", user, "-p", password,
                "-r", "30", "-d", "2", "-b"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client did not end: " + out);
        }
        return out;
    }

    /** {@code bin/stop}, then waits for the server process to end; true when it ended by itself. */
    boolean stop(Duration patience) throws IOException, InterruptedException {
        if (process == null) {
            return true;
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process stop = pb.start();
        stop.getInputStream().readAllBytes();
        stop.waitFor(60, TimeUnit.SECONDS);
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Processes whose command line names this copy (the Karaf JVM and anything it started). */
    List<ProcessHandle> leftovers() {
        List<ProcessHandle> left = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String line = h.info().commandLine().orElse("");
            if (line.contains(home.toString()) && h.isAlive()) {
                left.add(h);
            }
        });
        return left;
    }


    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly(); // never leave a Karaf behind, even when a test failed
        }
        for (ProcessHandle h : leftovers()) {
            h.destroyForcibly();
        }
    }
}
