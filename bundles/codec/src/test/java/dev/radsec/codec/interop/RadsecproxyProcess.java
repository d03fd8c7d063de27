package dev.radsec.codec.interop;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private radsecproxy (1.9) for interop tests: a RadSec (RADIUS over TLS, RFC 6614) listener on a loopback port,
 * or with {@link Builder#dtls()} a RADIUS/DTLS (RFC 7360) one, that proxies every realm to one upstream server,
 * typically a {@link FreeRadiusProcess}'s UDP ports.
 *
 * <p>{@link Builder#start()} writes {@code radsecproxy.conf} into a directory of its own, checks it with
 * {@code radsecproxy -p -c FILE} (failing with its output), then runs {@code radsecproxy -f -c FILE} and returns
 * once the radsecproxy process listens on its TLS port (polled with a deadline, by matching its sockets against
 * {@code /proc/net/tcp}: a TCP connect could reach another process holding the port, and would show in the log as
 * a failed {@code SSL_accept}), or has bound its DTLS port (against {@code /proc/net/udp}). It first checks that the TLS files are readable: radsecproxy itself loads them
 * only when the first peer connects. The generated configuration:
 * <pre>
 * ListenTLS 127.0.0.1:PORT            (ListenDTLS 127.0.0.1:PORT, a UDP port, with {@link Builder#dtls()})
 * SourceUDP 127.0.0.1
 * SourceTCP 127.0.0.1
 * SourceTLS 127.0.0.1
 * SourceDTLS 127.0.0.1                (with a DTLS listener or upstream)
 * LogLevel 3
 * LogDestination file:///DIR/radsecproxy.log
 * tls default {
 *     CACertificateFile CA
 *     CACertificatePath HASHED_DIR     (with {@link Builder#crlCheck(Path)})
 *     CRLCheck on                      (with {@link Builder#crlCheck(Path)})
 *     CertificateFile CERT
 *     CertificateKeyFile KEY
 *     TlsVersion TLS1_2:
 *     DtlsVersion DTLS1_2              (with {@link Builder#dtlsVersion(String)})
 * }
 * rewrite NAME { ... }                (with {@link Builder#rewrite(String, String...)})
 * client loopback {
 *     host 127.0.0.1
 *     type tls                         (dtls with {@link Builder#dtls()})
 *     tls default
 *     secret radsec                    (radius/dtls with {@link Builder#dtls()})
 *     CertificateNameCheck off         (see {@link Builder#certificateNameCheck(boolean)})
 *     RewriteIn IN, RewriteOut OUT     (with {@link Builder#clientRewrite(String, String)})
 * }
 * server upstream-auth {
 *     host 127.0.0.1
 *     port PORT
 *     type udp                         (or tcp, tls, dtls: {@link Builder#server(String, InetSocketAddress, String)})
 *     secret SECRET
 *     [Source 127.0.0.1:PORT                  with {@link Builder#upstreamSourcePort(int)}]
 *     [tls default, CertificateNameCheck off   for type tls and dtls]
 *     [RewriteIn IN, RewriteOut OUT            with {@link Builder#serverRewrite(String, String)}]
 * }
 * server upstream-acct { ... }         (with {@link Builder#accountingServer(String, InetSocketAddress, String)})
 * realm * {
 *     server upstream-auth
 *     accountingServer upstream-acct   (or AccountingResponse on without an accounting server)
 * }
 * </pre>
 *
 * <p>Notes on radsecproxy 1.9.2: it answers Status-Server itself; it rejects an Accounting-Request that carries a
 * Message-Authenticator and closes the TLS connection; it allows 256 outstanding requests per upstream connection;
 * a TLS client is always asked for a certificate, and one that presents none, or one that fails the name check, is
 * dropped right after the handshake (with TLS 1.3 the client only sees EOF). With {@code TlsVersion TLS1_2:} it
 * negotiates TLS 1.3.
 *
 * <p>TLS-PSK (RFC 9813) needs radsecproxy 1.11 ({@link Builder#binary(Path)} with {@link #backportBinary()}, the
 * bookworm-backports package that {@code .ci/run} unpacks; Debian 12's 1.9.2 has no PSK): {@link Builder#clientPsk}
 * makes the {@code loopback} client a PSK client, {@link Builder#serverPsk} makes {@code tls} upstreams PSK servers.
 * Per radsecproxy.conf(5) of 1.11, {@code PSKidentity} and {@code PSKkey} go in the {@code client}/{@code server}
 * block (not in a {@code tls} block), the key as text or, as written here, hex after {@code %%}; at least 16 bytes.
 * Such a block names no {@code tls} block: radsecproxy then uses its built-in PSK context ({@code _psk_default}:
 * TLS 1.3 only, {@code CipherSuites TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256}), so no certificate is
 * needed. What 1.11.2 does, found by trying with OpenSSL 3.0's s_client/s_server:
 * <ul>
 *   <li>TLS 1.3 PSK only; a TLS 1.2 PSK client is refused ("unsupported protocol"). So radsecproxy 1.11 and
 *       FreeRADIUS 3.2.1 (TLS 1.2 PSK only) cannot talk PSK to each other; FreeRADIUS 3.2.7 can (TLS 1.3).</li>
 *   <li>The PSK is bound to SHA-256: s_client {@code -tls1_3 -psk} (default suites) gets
 *       TLS_CHACHA20_POLY1305_SHA256, with {@code -ciphersuites TLS_AES_128_GCM_SHA256} that one. A PSK block that
 *       names a {@code tls} block without {@code CipherSuites} fails for a client listing TLS_AES_256_GCM_SHA384
 *       first ("bad extension": the server takes the hash of the client's first suite for the binder).</li>
 *   <li>Refusals come with alerts: wrong key, illegal_parameter ("binder does not verify"); unknown identity,
 *       internal_error ("no client with PSK id X found"); no PSK at all, handshake_failure.</li>
 *   <li>As a client it offers TLS_CHACHA20_POLY1305_SHA256 and TLS_AES_128_GCM_SHA256; openssl s_server
 *       {@code -tls1_3 -psk} picks the ChaCha20 one.</li>
 *   <li>One TLS context per client address: a PSK client and a certificate client on 127.0.0.1 cannot share the
 *       listener unless they name the same {@code tls} block, which this fixture does not do.</li>
 * </ul>
 *
 * <p>RADIUS/DTLS with 1.9.2 (Debian 12's; OpenSSL 3.0), found by running it with {@code -f -d 5} against
 * {@code openssl s_client -dtls1_2} / {@code s_server -dtls1_2} and our own DTLS client and listener:
 * <ul>
 *   <li>As a server, {@code ListenDTLS} and a {@code client} block of {@code type dtls} naming the same
 *       {@code tls} block as TLS clients would are all it needs; no {@code DtlsVersion} ({@code TlsVersion} applies
 *       to TLS only; without {@code DtlsVersion} the DTLS context takes OpenSSL's defaults: DTLS 1.2 is
 *       negotiated, and a DTLS 1.0 client fails in practice with "no suitable signature algorithm", OpenSSL 3.0's
 *       security level). It always does the cookie exchange: "dtlslistener: DTLS_listen failed or no cookie from
 *       127.0.0.1" (LogLevel 3) is the HelloVerifyRequest round, not an error. For the hello with the cookie it
 *       logs "dtlsservernew: incoming DTLS connection from 127.0.0.1", binds a connected socket of its own for the
 *       client on the same port, and once the handshake completed "dtlsservernew: DTLS connection from 127.0.0.1,
 *       client loopback, subject CN=... up": one per session. Records of a session it does not know (ours, after it
 *       restarted) it drops without an alert, logging "DTLS_listen failed or no cookie" for each: a client has to
 *       notice the silence and handshake again.</li>
 *   <li>As a client, a {@code server} block of {@code type dtls} naming the {@code tls} block; with
 *       {@code SourceDTLS 127.0.0.1} its DTLS socket is on loopback. It connects at start-up, before any request
 *       ("dtlsconnect: initial connection to ..."); a failed attempt ("dtlsconnect: SSL connect to NAME ... failed",
 *       after 5 s when the server does not answer) is retried after 2 s, then with a growing backoff.</li>
 *   <li>The secret of a DTLS {@code client} or {@code server} block defaults to {@code radsec} in 1.9.2, not
 *       RFC 7360's {@code radius/dtls}: this fixture writes {@code radius/dtls} unless
 *       {@link Builder#clientSecret(String)} says otherwise; an upstream's is what {@link Builder#server} is
 *       given.</li>
 *   <li>A DTLS client and a UDP client may both be {@code host 127.0.0.1}: radsecproxy matches clients by address
 *       and type.</li>
 *   <li>{@code DtlsVersion DTLS1_2} parses and works ({@link Builder#dtlsVersion(String)}); not needed.</li>
 *   <li>With {@code Source 127.0.0.1:PORT} in the {@code server} block ({@link Builder#upstreamSourcePort(int)}) its
 *       DTLS client socket has that port: a restarted proxy comes back from the same address and port.</li>
 * </ul>
 *
 * <p>With {@code -f} radsecproxy (1.9 and 1.11) ignores {@code LogDestination} and logs to standard error: the
 * console file of {@link #log()}.
 *
 * <p>{@link #close()} stops it (SIGTERM, then SIGKILL) and waits for it; a JVM shutdown hook does the same should
 * the test runner die without calling it. Not thread-safe.
 */
public final class RadsecproxyProcess extends PeerDaemon {
    /** The binary on Debian. */
    public static final Path BINARY = Path.of("/usr/sbin/radsecproxy");
    /** The Debian package providing {@link #BINARY}. */
    public static final String PACKAGE = "radsecproxy";
    /** The first radsecproxy with TLS-PSK. */
    public static final String PSK_MIN_VERSION = "1.11";

    /**
     * radsecproxy 1.11 from Debian's bookworm-backports, unpacked by {@code .ci/run} under
     * {@link Backports#radsecproxyRoot()} ({@code usr/sbin/radsecproxy}), if it is there; for
     * {@link Builder#binary(Path)}. It runs with Debian 12's own libraries (libssl3, libnettle8).
     */
    public static Optional<Path> backportBinary() {
        return Backports.executable(Backports.radsecproxyRoot().resolve("usr/sbin/radsecproxy"));
    }

    /** What {@code binary -v} says, e.g. {@code 1.11.2}. */
    public static String version(Path binary) {
        return Backports.version(List.of(binary.toString(), "-v"), Map.of(),
                Pattern.compile("radsecproxy revision (\\d+\\.\\d+(?:\\.\\d+)?)"));
    }

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final Path configFile;
    private final int port;
    private final boolean dtls;
    private final String clientSecret;

    private RadsecproxyProcess(PeerProcess process, Path directory, Path configFile, Path logFile, Path consoleFile,
                               int port, boolean dtls, String clientSecret) {
        super(process, directory, List.of(new LogFile("radsecproxy config", configFile),
                new LogFile("radsecproxy console", consoleFile), new LogFile("radsecproxy log", logFile)));
        this.configFile = configFile;
        this.port = port;
        this.dtls = dtls;
        this.clientSecret = clientSecret;
    }

    @Override
    public String toString() {
        return "radsecproxy pid " + process.pid() + (dtls ? " dtls" : " tls") + " 127.0.0.1:" + port + " ("
                + configFile + ")";
    }

    /**
     * A builder for a proxy whose files go under {@code workDir} (typically a JUnit {@code @TempDir}); several
     * proxies may share one work directory.
     */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** The TCP port of the RadSec listener, or the UDP port of the DTLS one ({@link Builder#dtls()}), on {@code 127.0.0.1}. */
    public int port() {
        return port;
    }

    /** Whether the listener is RADIUS/DTLS ({@link Builder#dtls()}) rather than RadSec. */
    public boolean isDtls() {
        return dtls;
    }

    /**
     * Kills the proxy at once (SIGKILL: no close_notify, no clean-up), as a crash would, and waits up to 5 s for it
     * to be gone. {@link #close()} is still to be called (it then has nothing left to stop).
     */
    public void kill() {
        ProcessHandle.of(pid()).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("radsecproxy pid " + pid() + " did not die of SIGKILL", e);
            }
        });
    }

    /** {@code 127.0.0.1:}{@link #port()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(PeerProcess.LOOPBACK, port);
    }

    /** The shared secret of the {@code 127.0.0.1} TLS client (default {@code radsec}; {@code radius/dtls} over DTLS). */
    public String clientSecret() {
        return clientSecret;
    }

    /** The generated {@code radsecproxy.conf}. */
    public Path configFile() {
        return configFile;
    }

    /** A TLS-PSK identity and key, as radsecproxy's {@code PSKidentity} and {@code PSKkey %%HEX}. */
    private record Psk(String identity, String hexKey) {
        Psk {
            checkToken(identity, "PSKidentity");
            if (identity.length() > 256) {
                throw new IllegalArgumentException("PSKidentity is at most 256 bytes");
            }
            if (!hexKey.matches("([0-9a-fA-F]{2})+") || hexKey.length() < 32) {
                throw new IllegalArgumentException("the PSK is an even number of hex digits, at least 16 bytes");
            }
        }

        String lines() {
            return "    PSKidentity " + identity + "\n    PSKkey %%" + hexKey + "\n";
        }

        @Override
        public String toString() {
            return "Psk[" + identity + "]";
        }
    }

    /** An upstream server block. */
    private record Upstream(String type, InetSocketAddress address, String secret) {
        Upstream {
            if (!List.of("udp", "tcp", "tls", "dtls").contains(type)) {
                throw new IllegalArgumentException("type must be udp, tcp, tls or dtls, not " + type);
            }
            if (!(address.getAddress() instanceof Inet4Address) || !address.getAddress().isLoopbackAddress()) {
                // IPv4 only: the proxy's source addresses are 127.0.0.1.
                throw new IllegalArgumentException("interop tests talk to IPv4 loopback only, not " + address);
            }
            checkToken(secret, "secret");
        }

        /** Whether the block authenticates with a certificate ({@code tls default}), when not by PSK. */
        boolean secured() {
            return type.equals("tls") || type.equals("dtls");
        }
    }

    private static String checkToken(String value, String what) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\'
                && c != '#' && c != '{' && c != '}' && c != '=')) {
            throw new IllegalArgumentException(what + " must be plain printable ASCII without spaces, quotes, "
                    + "'#', '=' or braces: " + value);
        }
        return value;
    }

    private static Path configPath(Path path) {
        Path absolute = path.toAbsolutePath();
        checkToken(absolute.toString(), "path");
        return absolute;
    }

    /** Configures and starts a {@link RadsecproxyProcess}. */
    public static final class Builder {
        private final Path workDir;
        private int port;
        private Path caFile;
        private Path certificate;
        private Path key;
        private Path crlDir;
        private String tlsVersion = "TLS1_2:";
        private String dtlsVersion;
        private boolean dtls;
        private String clientSecret;
        private boolean certificateNameCheck;
        private Upstream server;
        private Upstream accountingServer;
        private Upstream failoverServer;
        private int upstreamSourcePort;
        private int logLevel = 3;
        private final List<String> extraConfig = new ArrayList<>();
        /** {@code rewrite NAME { ... }} blocks, written before the client and server blocks that name them. */
        private final List<String> rewrites = new ArrayList<>();
        private String clientRewriteIn;
        private String clientRewriteOut;
        private String serverRewriteIn;
        private String serverRewriteOut;
        private Duration startupTimeout = Duration.ofSeconds(15);
        private Path binary = BINARY;
        private Psk clientPsk;
        private Psk serverPsk;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        /** The RadSec listener's TCP port on {@code 127.0.0.1}; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The radsecproxy binary to run; default {@link #BINARY} (Debian 12's 1.9.2). For TLS-PSK:
         * {@link #backportBinary()}.
         */
        public Builder binary(Path binary) {
            this.binary = configPath(binary);
            return this;
        }

        /**
         * The {@code loopback} client (the RadSec listener's only client) authenticates by TLS-PSK instead of a
         * certificate: its block gets {@code PSKidentity IDENTITY} and {@code PSKkey %%HEXKEY} and names no
         * {@code tls} block (radsecproxy's built-in PSK context: TLS 1.3, SHA-256 suites). Needs radsecproxy 1.11
         * ({@link #binary(Path)}); {@link #tls(Path, Path, Path)} is then needed only for a certificate upstream.
         *
         * @param identity the identity the client presents (printable ASCII, no spaces, at most 256 bytes)
         * @param hexKey the key as hex digits, at least 16 bytes
         */
        public Builder clientPsk(String identity, String hexKey) {
            this.clientPsk = new Psk(identity, hexKey);
            return this;
        }

        /**
         * Upstreams of type {@code tls} are reached by TLS-PSK: their blocks get {@code PSKidentity} and
         * {@code PSKkey} and name no {@code tls} block (TLS 1.3 only; it offers TLS_CHACHA20_POLY1305_SHA256 and
         * TLS_AES_128_GCM_SHA256). Needs radsecproxy 1.11 ({@link #binary(Path)}).
         */
        public Builder serverPsk(String identity, String hexKey) {
            this.serverPsk = new Psk(identity, hexKey);
            return this;
        }

        /**
         * The {@code tls default} block, used for the listener and for a {@code tls} upstream: the CA file trusted
         * for peer certificates, and the proxy's own certificate and unencrypted private key (PEM). Required unless
         * everything TLS is PSK ({@link #clientPsk}, {@link #serverPsk}).
         */
        public Builder tls(Path caFile, Path certificate, Path key) {
            this.caFile = configPath(caFile);
            this.certificate = configPath(certificate);
            this.key = configPath(key);
            return this;
        }

        /**
         * Checks peer certificates against CRLs ({@code CRLCheck on}, {@code CACertificatePath hashedDir}): the
         * directory holds CA certificate(s) and CRL(s) under OpenSSL's hashed names (see
         * {@link TestPki#hashedDir()}). A missing or expired CRL fails every handshake.
         */
        public Builder crlCheck(Path hashedDir) {
            this.crlDir = configPath(hashedDir);
            return this;
        }

        /**
         * The listener is RADIUS/DTLS (RFC 7360) instead of RadSec: {@code ListenDTLS 127.0.0.1:PORT} on a UDP port
         * ({@link #port(int)}: 0 picks a free UDP port), the {@code loopback} client of {@code type dtls} with the
         * same {@code tls default} block, {@code SourceDTLS 127.0.0.1}, and the client secret {@code radius/dtls}
         * unless {@link #clientSecret(String)} sets one. Readiness is the proxy's own UDP socket bound to the port
         * ({@code /proc/net/udp}). Not with {@link #clientPsk} (radsecproxy's PSK is TLS 1.3 only).
         */
        public Builder dtls() {
            this.dtls = true;
            return this;
        }

        /**
         * The {@code DtlsVersion} of the tls block, e.g. {@code DTLS1_2}; by default none is written and
         * radsecproxy takes OpenSSL's defaults (DTLS 1.0 to 1.2).
         */
        public Builder dtlsVersion(String dtlsVersion) {
            this.dtlsVersion = checkToken(dtlsVersion, "DtlsVersion");
            return this;
        }

        /** The {@code TlsVersion} of the tls block, e.g. {@code TLS1_2:}, {@code TLS1_3}. Default {@code TLS1_2:}. */
        public Builder tlsVersion(String tlsVersion) {
            this.tlsVersion = checkToken(tlsVersion, "TlsVersion");
            return this;
        }

        /**
         * The shared secret of the {@code 127.0.0.1} TLS or DTLS client; default {@code radsec} (RFC 6614 section
         * 2.3), or {@code radius/dtls} with {@link #dtls()} (RFC 7360 section 2.1).
         */
        public Builder clientSecret(String secret) {
            this.clientSecret = checkToken(secret, "secret");
            return this;
        }

        /**
         * Whether radsecproxy matches the peer certificate's CN or subjectAltName against the configured host
         * ({@code 127.0.0.1}), for the client and a {@code tls} upstream. Default false ({@code
         * CertificateNameCheck off}): {@link TestPki#client()} has no subjectAltName, and radsecproxy drops a
         * client that fails the check right after the handshake.
         */
        public Builder certificateNameCheck(boolean check) {
            this.certificateNameCheck = check;
            return this;
        }

        /**
         * The upstream server for Access-Requests (and for Accounting-Requests unless
         * {@link #accountingServer(String, InetSocketAddress, String) one is set}).
         *
         * @param type {@code udp}, {@code tcp}, {@code tls} (RadSec) or {@code dtls} (RADIUS/DTLS, RFC 7360; give
         *             it the secret {@code radius/dtls}), the last two using the {@code tls default} block
         * @param address an IPv4 loopback address
         * @param secret the shared secret radsecproxy uses towards it
         */
        public Builder server(String type, InetSocketAddress address, String secret) {
            this.server = new Upstream(type, address, secret);
            return this;
        }

        /**
         * A second upstream server for Access-Requests, after {@link #server}: the realm lists both, and radsecproxy
         * uses the first it considers alive (its failover, radsecproxy.conf(5) {@code realm ... server}). Needs a
         * {@code server}; accounting still goes to the first.
         */
        public Builder failoverServer(String type, InetSocketAddress address, String secret) {
            this.failoverServer = new Upstream(type, address, secret);
            return this;
        }

        /**
         * The local port of the proxy's sockets towards its upstream servers ({@code Source 127.0.0.1:PORT} in each
         * {@code server} block); by default an ephemeral one. With a fixed port, a proxy started again on it comes
         * back from the same address and port: what a DTLS server must tell from its old session (RFC 6347 section
         * 4.2.8). For one upstream: a {@code server} and a different {@code accountingServer} cannot share it.
         */
        public Builder upstreamSourcePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port is 1..65535: " + port);
            }
            this.upstreamSourcePort = port;
            return this;
        }

        /**
         * The upstream server for Accounting-Requests. Without one, and without a {@code server}, radsecproxy
         * answers Accounting-Requests itself ({@code AccountingResponse on}).
         */
        public Builder accountingServer(String type, InetSocketAddress address, String secret) {
            this.accountingServer = new Upstream(type, address, secret);
            return this;
        }

        /**
         * Proxies Access-Requests to the server's UDP auth port and Accounting-Requests to its UDP accounting
         * port, with its secret.
         */
        public Builder upstream(FreeRadiusProcess freeradius) {
            server("udp", freeradius.authAddress(), freeradius.secret());
            return accountingServer("udp", freeradius.acctAddress(), freeradius.secret());
        }

        /** {@code LogLevel}, 1 (errors) to 5 (everything, each packet). Default 3. */
        public Builder logLevel(int level) {
            if (level < 1 || level > 5) {
                throw new IllegalArgumentException("LogLevel is 1..5: " + level);
            }
            this.logLevel = level;
            return this;
        }

        /**
         * A {@code rewrite NAME { ... }} block (radsecproxy.conf(5) REWRITE BLOCK), its lines as they are, e.g.
         * {@code removeAttribute 64}; written before the client and server blocks, which must come after the rewrite
         * blocks they name.
         */
        public Builder rewrite(String name, String... lines) {
            StringBuilder b = new StringBuilder("rewrite ").append(checkToken(name, "rewrite name")).append(" {\n");
            for (String line : lines) {
                b.append("    ").append(line).append('\n');
            }
            rewrites.add(b.append("}\n").toString());
            return this;
        }

        /**
         * {@code RewriteIn} and {@code RewriteOut} of the {@code loopback} client: rewrite blocks applied to requests
         * from it and to answers to it; null for none.
         */
        public Builder clientRewrite(String in, String out) {
            this.clientRewriteIn = in == null ? null : checkToken(in, "RewriteIn");
            this.clientRewriteOut = out == null ? null : checkToken(out, "RewriteOut");
            return this;
        }

        /**
         * {@code RewriteIn} and {@code RewriteOut} of every upstream {@code server} block: rewrite blocks applied to
         * answers from it and to requests to it; null for none.
         */
        public Builder serverRewrite(String in, String out) {
            this.serverRewriteIn = in == null ? null : checkToken(in, "RewriteIn");
            this.serverRewriteOut = out == null ? null : checkToken(out, "RewriteOut");
            return this;
        }

        private static String rewriteLines(String in, String out) {
            return (in == null ? "" : "    RewriteIn " + in + "\n") + (out == null ? "" : "    RewriteOut " + out + "\n");
        }

        /** Lines appended to the configuration as they are (more blocks, global options). */
        public Builder config(String text) {
            extraConfig.add(text);
            return this;
        }

        /** How long to wait for the proxy to listen. Default 15 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Writes and checks the configuration and starts the proxy, returning once it listens on its TLS port. A
         * port picked free that another process takes first is retried with a new one.
         *
         * @throws IllegalArgumentException when a TLS file is missing
         * @throws IllegalStateException with the configuration and radsecproxy's output when the check fails,
         *                               the proxy exits, or it does not listen in time
         */
        public RadsecproxyProcess start() throws IOException {
            if (dtls && clientPsk != null) {
                throw new IllegalStateException("dtls() with clientPsk: radsecproxy's PSK is TLS 1.3 only, not DTLS");
            }
            if (caFile == null && needsCertificates()) {
                throw new IllegalStateException("tls(caFile, certificate, key) is required (or clientPsk, and"
                        + " serverPsk for a tls upstream)");
            }
            if (clientPsk != null || serverPsk != null) {
                String version = version(binary);
                if (!Backports.atLeast(version, PSK_MIN_VERSION)) {
                    throw new IllegalStateException("radsecproxy " + version + " (" + binary + ") has no TLS-PSK;"
                            + " it came in " + PSK_MIN_VERSION + ": binary(RadsecproxyProcess.backportBinary()...)");
                }
            }
            // radsecproxy -p does not load the TLS files, and the proxy only does when a peer connects.
            for (Path file : caFile == null ? List.<Path>of() : List.of(caFile, certificate, key)) {
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new IllegalArgumentException("not a readable file: " + file);
                }
            }
            if (crlDir != null && !Files.isDirectory(crlDir)) {
                throw new IllegalArgumentException("not a directory: " + crlDir);
            }
            return PeerProcess.startWithRetries(port == 0, () -> startOnce(
                    Files.createTempDirectory(workDir, "radsecproxy-"),
                    port != 0 ? port : dtls ? PeerProcess.freeUdpPort() : PeerProcess.freeTcpPort()));
        }

        /** Whether some block needs the certificate {@code tls default} block. */
        private boolean needsCertificates() {
            return clientPsk == null
                    || (server != null && server.type().equals("dtls"))
                    || (accountingServer != null && accountingServer.type().equals("dtls"))
                    || (serverPsk == null
                    && ((server != null && server.type().equals("tls"))
                    || (accountingServer != null && accountingServer.type().equals("tls"))));
        }

        private RadsecproxyProcess startOnce(Path dir, int listenPort) throws IOException {
            Path configFile = dir.resolve("radsecproxy.conf");
            Path logFile = dir.resolve("radsecproxy.log");
            Path console = dir.resolve("console.log");
            // The configuration holds secrets.
            PeerProcess.writeFile(configFile, config(listenPort, logFile), "rw-------");

            check(binary, dir, configFile, logFile);

            PeerProcess p = PeerProcess.start("radsecproxy", List.of(binary.toString(), "-f", "-c",
                    configFile.toString()), dir, console);
            RadsecproxyProcess proxy = new RadsecproxyProcess(p, dir, configFile, logFile, console, listenPort, dtls,
                    effectiveClientSecret());
            boolean ready = false;
            try {
                awaitListening(proxy);
                ready = true;
                return proxy;
            } finally {
                if (!ready) {
                    proxy.close();
                }
            }
        }

        /**
         * {@code radsecproxy -p -c FILE}: parses the configuration and exits. What it finds goes to its standard
         * error or, once logging is set up, to the log file (which then starts with "All OK so far; exiting since
         * only pretending").
         */
        private static void check(Path binary, Path dir, Path configFile, Path logFile) throws IOException {
            Path out = dir.resolve("check.log");
            Process p = PeerProcess.launch(List.of(binary.toString(), "-p", "-c", configFile.toString()), dir, out);
            try {
                if (!p.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    PeerProcess.stop(p);
                    throw new IllegalStateException("radsecproxy -p did not exit within " + CHECK_TIMEOUT + "\n"
                            + PeerProcess.tail(out) + "\n---- log ----\n" + PeerProcess.tail(logFile)
                            + "\n---- config ----\n" + PeerProcess.tail(configFile));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the radsecproxy configuration", e);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("radsecproxy -p -c " + configFile + " exited with " + p.exitValue()
                        + ":\n" + PeerProcess.tail(out) + "\n---- log ----\n" + PeerProcess.tail(logFile)
                        + "\n---- config ----\n" + PeerProcess.tail(configFile));
            }
        }

        /**
         * Polls until the proxy process itself has a socket listening on its port (its socket inodes in
         * {@code /proc/PID/fd} against {@code /proc/net/tcp}; a TCP connect could reach another process holding
         * the port), or for DTLS a UDP socket bound to it ({@code /proc/net/udp}, state 07), the proxy exits, or the
         * deadline passes. Without {@code /proc}, a TCP connect is the probe; DTLS needs {@code /proc}.
         */
        private void awaitListening(RadsecproxyProcess proxy) throws IOException {
            proxy.process.awaitReady(startupTimeout, POLL_INTERVAL, "listen", proxy, proxy::log,
                    () -> listening(proxy));
        }

        private static boolean listening(RadsecproxyProcess proxy) {
            Path fdDir = Path.of("/proc", Long.toString(proxy.pid()), "fd");
            if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
                if (proxy.dtls) {
                    // a UDP port has no connect to probe it with, and a guessed wait would race the proxy
                    throw new IllegalStateException("a DTLS radsecproxy's readiness is read from /proc, which this "
                            + "system does not have");
                }
                try (Socket s = new Socket()) {
                    s.connect(proxy.address(), 200);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            }
            Set<String> inodes = new HashSet<>();
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[") && target.endsWith("]")) {
                            inodes.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // The descriptor went away while listing: not the listener.
                    }
                }
            } catch (IOException exited) {
                return false;
            }
            String localPort = String.format(":%04X", proxy.port);
            // TCP: 0A (LISTEN); UDP: 07 (TCP_CLOSE, what the kernel shows for an unconnected bound socket)
            String state = proxy.dtls ? "07" : "0A";
            for (String table : proxy.dtls ? List.of("/proc/net/udp", "/proc/net/udp6")
                    : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(Path.of(table));
                } catch (IOException noSuchTable) {
                    continue;
                }
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                for (String line : lines) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(localPort) && f[3].equals(state) && inodes.contains(f[9])) {
                        return true;
                    }
                }
            }
            return false;
        }

        private String config(int listenPort, Path logFile) {
            StringBuilder c = new StringBuilder();
            c.append("# Generated by ").append(RadsecproxyProcess.class.getName()).append('\n')
                    .append(dtls ? "ListenDTLS" : "ListenTLS").append(" 127.0.0.1:").append(listenPort).append('\n')
                    .append("SourceUDP 127.0.0.1\n")
                    .append("SourceTCP 127.0.0.1\n")
                    .append("SourceTLS 127.0.0.1\n");
            if (usesDtls()) {
                c.append("SourceDTLS 127.0.0.1\n");
            }
            c.append("LogLevel ").append(logLevel).append('\n')
                    .append("LogDestination file://").append(logFile.toAbsolutePath()).append('\n')
                    .append('\n');
            if (caFile != null) {
                c.append("tls default {\n")
                        .append("    CACertificateFile ").append(caFile).append('\n');
                if (crlDir != null) {
                    c.append("    CACertificatePath ").append(crlDir).append('\n')
                            .append("    CRLCheck on\n");
                }
                c.append("    CertificateFile ").append(certificate).append('\n')
                        .append("    CertificateKeyFile ").append(key).append('\n')
                        .append("    TlsVersion ").append(tlsVersion).append('\n');
                if (dtlsVersion != null) {
                    c.append("    DtlsVersion ").append(dtlsVersion).append('\n');
                }
                c.append("}\n\n");
            }
            rewrites.forEach(block -> c.append(block).append('\n'));
            c.append("client loopback {\n")
                    .append("    host 127.0.0.1\n")
                    .append("    type ").append(dtls ? "dtls" : "tls").append('\n')
                    .append("    secret ").append(effectiveClientSecret()).append('\n');
            if (clientPsk != null) {
                c.append(clientPsk.lines());
            } else {
                c.append("    tls default\n")
                        .append("    CertificateNameCheck ").append(certificateNameCheck ? "on" : "off").append('\n');
            }
            c.append(rewriteLines(clientRewriteIn, clientRewriteOut));
            c.append("}\n\n");
            if (server != null) {
                c.append(serverBlock("upstream-auth", server));
            }
            if (accountingServer != null) {
                c.append(serverBlock("upstream-acct", accountingServer));
            }
            if (failoverServer != null) {
                c.append(serverBlock("upstream-failover", failoverServer));
            }
            c.append("realm * {\n");
            if (server != null) {
                c.append("    server upstream-auth\n");
            }
            if (failoverServer != null) {
                c.append("    server upstream-failover\n");
            }
            if (accountingServer != null) {
                c.append("    accountingServer upstream-acct\n");
            } else if (server != null) {
                c.append("    accountingServer upstream-auth\n");
            } else {
                c.append("    AccountingResponse on\n");
            }
            c.append("}\n");
            extraConfig.forEach(text -> c.append(text).append('\n'));
            return c.toString();
        }

        private String effectiveClientSecret() {
            return clientSecret != null ? clientSecret : dtls ? "radius/dtls" : "radsec";
        }

        /** Whether the listener or an upstream is DTLS. */
        private boolean usesDtls() {
            return dtls || (server != null && server.type().equals("dtls"))
                    || (accountingServer != null && accountingServer.type().equals("dtls"));
        }

        private String serverBlock(String name, Upstream u) {
            StringBuilder b = new StringBuilder();
            b.append("server ").append(name).append(" {\n")
                    .append("    host ").append(u.address().getAddress().getHostAddress()).append('\n')
                    .append("    port ").append(u.address().getPort()).append('\n')
                    .append("    type ").append(u.type()).append('\n')
                    .append("    secret ").append(u.secret()).append('\n');
            if (upstreamSourcePort != 0) {
                b.append("    Source 127.0.0.1:").append(upstreamSourcePort).append('\n');
            }
            if (u.type().equals("tls") && serverPsk != null) {
                b.append(serverPsk.lines());
            } else if (u.secured()) {
                b.append("    tls default\n")
                        .append("    CertificateNameCheck ").append(certificateNameCheck ? "on" : "off").append('\n');
            }
            b.append(rewriteLines(serverRewriteIn, serverRewriteOut));
            b.append("}\n\n");
            return b.toString();
        }
    }
}
