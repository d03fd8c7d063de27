package dev.radsec.codec.interop;

import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code openssl s_client} connection to a TLS server, as an independent RadSec client: RADIUS packets are
 * written to its standard input, one write per packet, which it sends as one TLS record each (FreeRADIUS 3.2.1
 * closes the connection when a record holds several packets); what the server sends comes back on its standard
 * output, after s_client's own session report.
 *
 * <p>Runs {@code openssl s_client -connect HOST:PORT -CAfile CA -verify_return_error -nocommands [-cert C -key K]
 * [OPTIONS]}. Standard output and error go to files, so it never blocks on a full pipe.
 *
 * <p>How to judge the outcome: with TLS 1.3 the client's handshake completes before the server has looked at the
 * client certificate, so a refused client sees {@code CONNECTED}, a session report and then EOF, not an alert
 * (and OpenSSL 3.0's s_client prints a session report even when the handshake did not complete). An s_client
 * whose standard input is closed at once may even exit 0 against a server that refuses it (radsecproxy, TLS 1.3).
 * Proof that a session was accepted is an answer to a request ({@link #exchange}); proof that it was refused is
 * s_client exiting on its own, non-zero, while its standard input is still open and no answer came
 * ({@link #awaitExit(Duration)}). {@link #finish(Duration)} closes standard input: s_client sends close_notify
 * and exits 0 after a clean session (taking 0.5 s against FreeRADIUS, which closes the TCP connection only on
 * its next timer tick, while s_client waits up to 0.5 s for that).
 *
 * <p>Polls its output files with a deadline. Not thread-safe. {@link #close()} kills it if it still runs.
 */
public final class OpenSslClient implements AutoCloseable {
    private static final Pattern NEW_SESSION = Pattern.compile("(?m)^(New|Reused), (\\S+), Cipher is (\\S+)");
    private static final long POLL_MILLIS = 5;

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<String> command;
    private final OutputStream stdin;
    private boolean stdinOpen = true;

    private OpenSslClient(Process process, Path stdout, Path stderr, List<String> command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@code openssl s_client} against {@code server}.
     *
     * @param workDir where its output files go
     * @param caFile the CA certificate(s) that must verify the server ({@code -CAfile}, {@code -verify_return_error})
     * @param credential the client certificate and key, or null to present none
     * @param options more s_client options, e.g. {@code -tls1_2}, {@code -verify_ip 127.0.0.1}
     */
    public static OpenSslClient start(Path workDir, InetSocketAddress server, Path caFile,
                                      TestPki.Credential credential, String... options) throws IOException {
        String host = server.getAddress().getHostAddress();
        String target = host.contains(":") ? "[" + host + "]:" + server.getPort() : host + ":" + server.getPort();
        List<String> cmd = new ArrayList<>(List.of(TestPki.OPENSSL.toString(), "s_client", "-connect", target,
                "-CAfile", caFile.toString(), "-verify_return_error", "-nocommands"));
        if (credential != null) {
            cmd.addAll(List.of("-cert", credential.certificate().toString(), "-key", credential.key().toString()));
        }
        cmd.addAll(List.of(options));
        return launch(workDir, cmd);
    }

    /**
     * Starts {@code openssl s_client} against {@code server} with an external TLS-PSK and no certificates:
     * {@code -psk_identity IDENTITY -psk HEXKEY}. With TLS 1.2 it offers the PSK cipher suites
     * (e.g. {@code -tls1_2 -cipher PSK-AES128-GCM-SHA256}); with TLS 1.3 OpenSSL 3.0 binds the key to SHA-256
     * (TLS_AES_128_GCM_SHA256), so a server that picks a SHA-384 suite fails the binder.
     *
     * @param options more s_client options, e.g. {@code -tls1_3}, {@code -ciphersuites TLS_AES_128_GCM_SHA256}
     */
    public static OpenSslClient startPsk(Path workDir, InetSocketAddress server, String identity, String hexKey,
                                         String... options) throws IOException {
        String host = server.getAddress().getHostAddress();
        String target = host.contains(":") ? "[" + host + "]:" + server.getPort() : host + ":" + server.getPort();
        List<String> cmd = new ArrayList<>(List.of(TestPki.OPENSSL.toString(), "s_client", "-connect", target,
                "-nocommands", "-psk_identity", identity, "-psk", hexKey));
        cmd.addAll(List.of(options));
        return launch(workDir, cmd);
    }

    private static OpenSslClient launch(Path workDir, List<String> cmd) throws IOException {
        Path out = Files.createTempFile(workDir, "s_client-", ".out");
        Path err = Files.createTempFile(workDir, "s_client-", ".err");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new OpenSslClient(p, out, err, cmd);
    }

    /**
     * Writes {@code data} to s_client's standard input in one write (s_client sends it as one TLS record once
     * the handshake is done). Write the next packet only after the answer to this one came: s_client sends
     * whatever one read of its input returns as one record, so two packets written back to back may share a
     * record, which FreeRADIUS 3.2.1 answers by closing the connection.
     *
     * @return false when s_client has already exited or closed its input, so nothing was sent
     */
    public boolean send(byte[] data) {
        if (!stdinOpen) {
            throw new IllegalStateException("standard input is closed");
        }
        try {
            stdin.write(data);
            stdin.flush();
            return true;
        } catch (IOException brokenPipe) {
            return false;
        }
    }

    /**
     * Sends an encoded request and waits for its verified answer (Message-Authenticator checked when present).
     *
     * @throws AssertionError with s_client's output when no answer comes in time or s_client exits first
     */
    public RadiusPacket exchange(PacketCodec codec, byte[] request, SharedSecret secret, Duration timeout) {
        int mark = received().length;
        if (!send(request)) {
            throw new AssertionError("s_client exited before the request could be sent: " + this + "\n" + output());
        }
        return awaitResponse(codec, request, secret, mark, timeout).orElseThrow(() -> new AssertionError(
                "no verified answer to " + HexFormat.of().formatHex(request) + " within " + timeout
                        + (process.isAlive() ? "" : " (s_client exited with " + process.exitValue() + ")")
                        + ": " + this + "\n" + output()));
    }

    /**
     * Waits for a verified answer to {@code request} in what s_client printed from byte {@code from} on (its
     * output is text and binary mixed: every offset where a packet with the response's Identifier could start
     * is tried), until one is found, s_client exits, or the timeout passes.
     */
    public Optional<RadiusPacket> awaitResponse(PacketCodec codec, byte[] request, SharedSecret secret, int from,
                                                Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            Optional<RadiusPacket> found = findResponse(codec, received(), from, request, secret);
            if (found.isPresent() || exited || System.nanoTime() - deadline > 0) {
                return found;
            }
            pause();
        }
    }

    /** Finds a verified answer to {@code request} in {@code output} from {@code from} on. */
    public static Optional<RadiusPacket> findResponse(PacketCodec codec, byte[] output, int from, byte[] request,
                                                      SharedSecret secret) {
        int id = request[1] & 0xFF;
        for (int i = Math.max(0, from); i + RadiusPacket.MIN_LENGTH <= output.length; i++) {
            if ((output[i + 1] & 0xFF) != id) {
                continue;
            }
            int length = (output[i + 2] & 0xFF) << 8 | (output[i + 3] & 0xFF);
            if (length < RadiusPacket.MIN_LENGTH || length > RadiusPacket.MAX_LENGTH || i + length > output.length) {
                continue;
            }
            try {
                return Optional.of(codec.decodeResponse(output, i, length, request, secret,
                        MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
            } catch (RadiusDecodeException | RuntimeException notHere) {
                // Text, another packet, or a different answer: look further.
            }
        }
        return Optional.empty();
    }

    /**
     * Waits up to {@code timeout} for s_client to exit on its own, leaving its standard input open.
     *
     * @return its exit code, or empty if it still runs
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.of(process.exitValue());
        }
        return OptionalInt.empty();
    }

    /**
     * Closes s_client's standard input (it then sends close_notify and exits) and waits for it to exit.
     *
     * @return its exit code
     * @throws AssertionError with its output when it does not exit in time (it is killed)
     */
    public int finish(Duration timeout) throws InterruptedException {
        closeStdin();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("s_client did not exit within " + timeout + ": " + this + "\n" + output());
        }
        return process.exitValue();
    }

    /**
     * The protocol from s_client's session report ({@code New, TLSv1.3, Cipher is ...}), once it printed it.
     * Not proof of a completed handshake: OpenSSL 3.0's s_client prints the report also when the server dropped
     * the connection in mid-handshake (as FreeRADIUS does with TLS 1.2 when the client has no certificate).
     */
    public Optional<String> protocol() {
        Matcher m = NEW_SESSION.matcher(new String(received(), StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /**
     * The cipher suite of s_client's session report (e.g. {@code PSK-AES128-GCM-SHA256},
     * {@code TLS_CHACHA20_POLY1305_SHA256}), once printed; {@code (NONE)} when no handshake completed. Same
     * caveat as {@link #protocol()}.
     */
    public Optional<String> cipher() {
        Matcher m = NEW_SESSION.matcher(new String(received(), StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(3)) : Optional.empty();
    }

    /** Everything s_client wrote to its standard output so far (text and received data). Never throws. */
    public byte[] received() {
        try {
            return Files.readAllBytes(stdout);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Standard error and output so far, as ISO-8859-1 text, for assertion messages. Never throws. */
    public String output() {
        String err;
        try {
            err = Files.readString(stderr, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            err = "(unreadable: " + e + ")";
        }
        return "---- s_client stderr ----\n" + err + "\n---- s_client stdout ----\n"
                + new String(received(), StandardCharsets.ISO_8859_1);
    }

    /** Whether s_client still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills s_client if it still runs, and waits for it. */
    @Override
    public void close() {
        closeStdin();
        PeerProcess.kill(process);
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private void closeStdin() {
        if (stdinOpen) {
            stdinOpen = false;
            try {
                stdin.close();
            } catch (IOException alreadyGone) {
                // s_client exited; nothing to close.
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for s_client", e);
        }
    }
}
