package dev.radsec.codec.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of FreeRADIUS's {@code radclient} (Debian package freeradius-utils) against a UDP address, with the
 * attribute list on its standard input, e.g. {@code User-Name = "alice", User-Password = "pw"}.
 *
 * <p>By default it runs as {@code radclient -x -r 1 -t 3 HOST:PORT COMMAND SECRET}: verbose (it prints the
 * packets it sends and receives), one attempt, a 3 s wait for the reply. Its exit code is 0 only when every
 * request got the reply it expects (Access-Accept, Accounting-Response, CoA-ACK, Disconnect-ACK), with valid
 * authenticators. Its combined output goes to a file, so it can never block on a full pipe.
 *
 * <p>{@link #startEap} runs {@code radeapclient} from the same package instead: the same command line and input,
 * but it also plays the EAP peer for EAP-MD5 (it answers the server's Access-Challenge with the MD5 response computed
 * from the {@code Cleartext-Password} in its input, and exits 0 on the final Access-Accept).
 *
 * <p>Start it, do the server's part (receive its request, answer), then {@link #await(Duration)} its result.
 * {@link #close()} kills it if it is still running. Not thread-safe.
 */
public final class Radclient implements AutoCloseable {
    /** The binary on Debian. */
    public static final Path BINARY = Path.of("/usr/bin/radclient");
    /** radclient with an EAP-MD5 peer built in, from the same package. */
    public static final Path RADEAPCLIENT = Path.of("/usr/bin/radeapclient");
    /** The Debian package providing {@link #BINARY}. */
    public static final String PACKAGE = "freeradius-utils";
    /** The default options: verbose, a single attempt, a 3 s timeout. */
    public static final List<String> DEFAULT_OPTIONS = List.of("-x", "-r", "1", "-t", "3");

    private final Process process;
    private final Path outputFile;
    private final List<String> command;

    /** What radclient printed (stdout and stderr together) and its exit code. */
    public static final class Result {
        private final int exitCode;
        private final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        /** 0 only when every request got the reply radclient expects, with valid authenticators. */
        public int exitCode() {
            return exitCode;
        }

        /** Its standard output and error together. */
        public String output() {
            return output;
        }

        @Override
        public String toString() {
            return "radclient exit code " + exitCode + ", output:\n" + output;
        }
    }

    private Radclient(Process process, Path outputFile, List<String> command) {
        this.process = process;
        this.outputFile = outputFile;
        this.command = command;
    }

    /** Starts {@code radclient} with {@link #DEFAULT_OPTIONS}; see {@link #start(Path, List, InetSocketAddress, String, String, String)}. */
    public static Radclient start(Path workDir, InetSocketAddress server, String command, String secret,
                                  String input) throws IOException {
        return start(workDir, DEFAULT_OPTIONS, server, command, secret, input);
    }

    /**
     * Starts {@code radclient OPTIONS HOST:PORT COMMAND SECRET} and writes {@code input} to its standard input,
     * which is then closed.
     *
     * @param workDir where its output file goes
     * @param command {@code auth}, {@code acct}, {@code status}, {@code coa}, {@code disconnect} or {@code auto}
     */
    public static Radclient start(Path workDir, List<String> options, InetSocketAddress server, String command,
                                  String secret, String input) throws IOException {
        return start(BINARY, workDir, options, server, command, secret, input);
    }

    /**
     * Starts {@code radeapclient -x -r 1 -t 3 HOST:PORT auth SECRET} with {@code input}, e.g.
     * {@code User-Name = "bob", Cleartext-Password = "bob-pw", EAP-Code = Response, EAP-Id = 1,
     * EAP-Type-Identity = "bob", Message-Authenticator = 0x00} for EAP-MD5. Its output shows each round
     * ("Received Access-Challenge", then "Received Access-Accept").
     */
    public static Radclient startEap(Path workDir, InetSocketAddress server, String secret, String input)
            throws IOException {
        return start(RADEAPCLIENT, workDir, DEFAULT_OPTIONS, server, "auth", secret, input);
    }

    private static Radclient start(Path binary, Path workDir, List<String> options, InetSocketAddress server,
                                   String command, String secret, String input) throws IOException {
        String host = server.getAddress().getHostAddress();
        String target = host.contains(":") ? "[" + host + "]:" + server.getPort() : host + ":" + server.getPort();
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(options);
        cmd.addAll(List.of(target, command, secret));
        Path out = Files.createTempFile(workDir, binary.getFileName() + "-" + command + "-", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
        } catch (IOException e) {
            // radclient exited before reading its input; its output says why.
        }
        return new Radclient(p, out, cmd);
    }

    /**
     * Waits up to {@code timeout} for radclient to exit.
     *
     * @throws AssertionError with its output so far when it does not exit in time (it is killed)
     */
    public Result await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(command.get(0) + " did not exit within " + timeout + ": " + command + "\n"
                    + output());
        }
        return new Result(process.exitValue(), output());
    }

    /** Its output so far. Never throws. */
    public String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The command line, for messages (it holds the secret; use test secrets only). */
    public List<String> command() {
        return command;
    }

    /** Kills radclient if it still runs, and waits for it. */
    @Override
    public void close() {
        PeerProcess.kill(process);
    }
}
