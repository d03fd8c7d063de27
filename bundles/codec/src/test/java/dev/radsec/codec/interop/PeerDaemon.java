package dev.radsec.codec.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the running interop daemons ({@link FreeRadiusProcess}, {@link RadsecproxyProcess}) share once started:
 * their process, the directory of their files, the files their {@link #log()} is made of, and the stop.
 */
abstract class PeerDaemon implements AutoCloseable {
    /** One file of the log, under its heading, e.g. {@code FreeRADIUS console}. */
    record LogFile(String heading, Path file) {
    }

    final PeerProcess process;
    private final Path directory;
    private final List<LogFile> logFiles;

    /** @param logFiles the files of {@link #log()}, in that order */
    PeerDaemon(PeerProcess process, Path directory, List<LogFile> logFiles) {
        this.process = process;
        this.directory = directory;
        this.logFiles = logFiles;
    }

    /** The daemon's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the daemon's process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The directory holding this daemon's configuration, logs and run files. */
    public Path directory() {
        return directory;
    }

    /**
     * Each of its log files (the last 200,000 characters of each) under its heading, for assertion messages. Never
     * throws.
     */
    public String log() {
        return logFiles.stream()
                .map(f -> "---- " + f.heading() + " (" + f.file() + ") ----\n" + PeerProcess.tail(f.file()))
                .collect(Collectors.joining("\n"));
    }

    /** Stops the daemon and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        process.close();
    }
}
