package dev.radsec.codec.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private FreeRADIUS 3 server for interop tests, run from a copy of the stock configuration in a directory of
 * the test's own, listening on loopback UDP ports only.
 *
 * <p>What {@link Builder#start()} does to the copy of {@code /etc/freeradius/3.0}:
 * <ul>
 *   <li>{@code radiusd.conf}: {@code raddbdir}, {@code logdir} and {@code run_dir} point into the copy (the stock
 *       file hard-codes them, so {@code -d} alone would still read {@code /etc}); {@code user}/{@code group}
 *       are commented out, {@code reject_delay = 0}, {@code proxy_requests = no}. Each rewrite must match
 *       exactly once, or starting fails: a changed stock file is noticed, not silently half-used.</li>
 *   <li>{@code sites-enabled/} holds only one virtual server, {@code interop}, with an auth and an acct listener on
 *       {@code 127.0.0.1} (the stock {@code default} and {@code inner-tunnel} sites, which listen on 1812, 1813
 *       and 18120, are not enabled). It authorizes with {@code chap}, {@code files} and {@code pap},
 *       authenticates with PAP or CHAP, answers Status-Server, and writes every Accounting-Request to the
 *       {@code detail} file ({@code log/radacct/<client>/detail-<date>}) before acknowledging it. Like the stock {@code default} site, it
 *       filters an Access-Reject's reply items with {@code attr_filter.access_reject} (which keeps only
 *       Message-Authenticator, Reply-Message, EAP-Message, State, Error-Cause, MS-CHAP-Error and Proxy-State).</li>
 *   <li>{@code mods-enabled/} holds only {@code always}, {@code attr_filter}, {@code files} and {@code pap} (plus
 *       {@link Builder#module(String) modules} asked for), which keeps startup well under a second.</li>
 *   <li>{@code clients.conf} has one client, {@code 127.0.0.1}, with the given secret.</li>
 *   <li>The {@code files} module's users file ({@code mods-config/files/authorize}) holds the given entries.</li>
 *   <li>Optionally ({@link Builder#radsec(int, Path, Path, Path)}) a RadSec (RFC 6614) listener in the same virtual
 *       server: {@code type = auth+acct}, {@code proto = tcp} on {@code 127.0.0.1} with the stock {@code tls}
 *       section of {@code sites-available/tls} (only its file paths replaced), and a top-level
 *       {@code clients radsec} section (in {@code clients.conf}) with one client, {@code 127.0.0.1},
 *       {@code proto = tls}, whose secret is {@link Builder#radsecSecret(String) "radsec"} by
 *       default. It answers Access-Request, Accounting-Request and Status-Server like the UDP listeners. The
 *       UDP listeners stay: readiness is still judged by Status-Server on the UDP auth port (FreeRADIUS binds
 *       every listener before it processes any request).</li>
 *   <li>Optionally ({@link Builder#radsecPsk(int, String, String)}) the RadSec listener authenticates clients by
 *       TLS-PSK (RFC 9813) instead of certificates: see there for exactly what changes in the stock {@code tls}
 *       section (TLS 1.2 PSK cipher suites only, with FreeRADIUS 3.2.1).</li>
 *   <li>Optionally ({@link Builder#proxyToRadsecPsk(InetSocketAddress, String, String, String)}) every request
 *       with a User-Name is proxied to a RadSec server over TLS-PSK ({@code home_server}, pool, {@code DEFAULT}
 *       realm). FreeRADIUS 3.2.1 cannot do this (its {@code home_server tls} section ignores the PSK items): it
 *       needs the 3.2.7 of {@link #backport()}.</li>
 *   <li>Optionally ({@link Builder#eap(Path, Path, Path)}) 802.1X: the stock {@code eap} module with only its
 *       certificate paths changed, the modules and the stock {@code inner-tunnel} site PEAP needs (its debugging
 *       listener moved off 18120), and {@code eap} called by the {@code interop} site as the stock
 *       {@code default} site calls it.</li>
 * </ul>
 *
 * <p>{@link Builder#installation(Installation)} runs another FreeRADIUS 3 than Debian's {@code /usr/sbin/freeradius},
 * with its own stock configuration, modules and dictionaries: {@link #backport()}, the 3.2.7 of bookworm-backports
 * that {@code .ci/run} unpacks into {@link Backports#freeradiusRoot()}.
 *
 * <p>The server runs as {@code freeradius -f -d DIR} (plus {@code -xx -l LOG} when {@link Builder#debug debug}, the
 * default, so that {@link #log()} shows every packet). Never {@code -X}: that implies single-threaded mode, in
 * which FreeRADIUS refuses TLS listeners ("Threading must be enabled for TLS sockets"). {@link Builder#start()}
 * returns only once the server has answered a Status-Server on its auth port, polling with a deadline; if the
 * server exits or the deadline passes, it throws with the server's log. Ports left at 0 (UDP and RadSec) are
 * picked free; if another process takes one before the server binds it, starting is retried with new ports.
 *
 * <p>{@link #close()} stops the server (SIGTERM, then SIGKILL) and waits for it to exit; a JVM shutdown hook does
 * the same should a test runner die without calling it. Not thread-safe.
 */
public final class FreeRadiusProcess extends PeerDaemon {
    /** The server binary on Debian (upstream calls it {@code radiusd}). */
    public static final Path BINARY = Path.of("/usr/sbin/freeradius");
    /** The stock configuration that is copied. */
    public static final Path STOCK_CONFIG = Path.of("/etc/freeradius/3.0");
    /** The stock site whose {@code listen} section's {@code tls} section the RadSec listener uses. */
    public static final Path STOCK_RADSEC_SITE = Path.of("sites-available/tls");
    /** The Debian package providing {@link #BINARY}. */
    public static final String PACKAGE = "freeradius";

    private static final InetAddress LOOPBACK = PeerProcess.LOOPBACK;
    /** Files of the configuration copy (FreeRADIUS refuses a world-writable configuration). */
    private static final String CONFIG_FILE_PERMISSIONS = "rw-r-----";

    private final Path configDir;
    private final int authPort;
    private final int acctPort;
    private final int radsecPort;
    private final String secret;
    private final String radsecSecret;

    private FreeRadiusProcess(PeerProcess process, Path directory, Path configDir, Path logFile, Path consoleFile,
                              int authPort, int acctPort, int radsecPort, String secret, String radsecSecret) {
        super(process, directory,
                List.of(new LogFile("FreeRADIUS console", consoleFile), new LogFile("FreeRADIUS log", logFile)));
        this.configDir = configDir;
        this.authPort = authPort;
        this.acctPort = acctPort;
        this.radsecPort = radsecPort;
        this.secret = secret;
        this.radsecSecret = radsecSecret;
    }

    /**
     * A builder for a server whose files go under {@code workDir} (typically a JUnit {@code @TempDir}); several
     * servers may share one work directory.
     */
    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** The UDP port of the auth listener, on {@code 127.0.0.1}. */
    public int authPort() {
        return authPort;
    }

    /** The UDP port of the accounting listener, on {@code 127.0.0.1}. */
    public int acctPort() {
        return acctPort;
    }

    /** {@code 127.0.0.1:}{@link #authPort()}. */
    public InetSocketAddress authAddress() {
        return new InetSocketAddress(LOOPBACK, authPort);
    }

    /** {@code 127.0.0.1:}{@link #acctPort()}. */
    public InetSocketAddress acctAddress() {
        return new InetSocketAddress(LOOPBACK, acctPort);
    }

    /** The shared secret of the {@code 127.0.0.1} UDP client. */
    public String secret() {
        return secret;
    }

    /** Whether the server has a RadSec listener ({@link Builder#radsec(int, Path, Path, Path)}). */
    public boolean hasRadsec() {
        return radsecPort != 0;
    }

    /**
     * The TCP port of the RadSec (TLS) listener on {@code 127.0.0.1}.
     *
     * @throws IllegalStateException when the server was built without {@link Builder#radsec(int, Path, Path, Path)}
     */
    public int radsecPort() {
        if (radsecPort == 0) {
            throw new IllegalStateException("this FreeRADIUS has no RadSec listener: " + this);
        }
        return radsecPort;
    }

    /** {@code 127.0.0.1:}{@link #radsecPort()}. */
    public InetSocketAddress radsecAddress() {
        return new InetSocketAddress(LOOPBACK, radsecPort());
    }

    /**
     * The shared secret of the RadSec client (RFC 6614 section 2.3 fixes it to {@code radsec}, the default), or
     * null without a RadSec listener.
     */
    public String radsecSecret() {
        return radsecPort == 0 ? null : radsecSecret;
    }

    /** The private raddb directory the server was started with. */
    public Path configDir() {
        return configDir;
    }

    @Override
    public String toString() {
        return "FreeRADIUS pid " + process.pid() + " auth 127.0.0.1:" + authPort + " acct 127.0.0.1:" + acctPort
                + (radsecPort == 0 ? "" : " radsec 127.0.0.1:" + radsecPort) + " (" + configDir + ")";
    }

    /**
     * FreeRADIUS 3.2.7 from Debian's bookworm-backports, unpacked by {@code .ci/run} into
     * {@link Backports#freeradiusRoot()}, if it is there. Unlike Debian 12's 3.2.1 it reads {@code psk_identity}
     * and {@code psk_hexphrase} in a {@code home_server}'s {@code tls} section (added in 3.2.4), so it can be a
     * RadSec client over TLS-PSK ({@link Builder#proxyToRadsecPsk}), with TLS 1.2 or 1.3.
     */
    public static Optional<Installation> backport() {
        Installation backport = Installation.unpacked(Backports.freeradiusRoot());
        return Backports.executable(backport.binary()).isPresent() && Files.isDirectory(backport.stockConfig())
                ? Optional.of(backport) : Optional.empty();
    }

    /**
     * A FreeRADIUS 3 installation: its binary, its stock configuration (copied for each server), and, for one
     * unpacked outside the system directories, its module directory ({@code libdir}, also its shared libraries,
     * put on {@code LD_LIBRARY_PATH}) and its dictionary directory ({@code -D}).
     *
     * @param libDir null for the system installation (the stock {@code libdir} stays)
     * @param dictDir null for the system installation (the built-in dictionary directory)
     */
    public record Installation(Path binary, Path stockConfig, Path libDir, Path dictDir) {
        /** Debian's package: {@link #BINARY} with {@link #STOCK_CONFIG}. */
        public static final Installation SYSTEM = new Installation(BINARY, STOCK_CONFIG, null, null);

        /**
         * FreeRADIUS packages unpacked with {@code dpkg-deb -x} under {@code root}: {@code usr/sbin/freeradius},
         * {@code etc/freeradius/3.0}, {@code usr/lib/freeradius}, {@code usr/share/freeradius}.
         */
        public static Installation unpacked(Path root) {
            Path r = root.toAbsolutePath();
            return new Installation(r.resolve("usr/sbin/freeradius"), r.resolve("etc/freeradius/3.0"),
                    r.resolve("usr/lib/freeradius"), r.resolve("usr/share/freeradius"));
        }

        /** {@code LD_LIBRARY_PATH} for an unpacked installation; nothing for the system one. */
        Map<String, String> environment() {
            return libDir == null ? Map.of() : Map.of("LD_LIBRARY_PATH", libDir.toString());
        }

        /** What {@code freeradius -v} says, e.g. {@code 3.2.1}. */
        public String version() {
            return Backports.version(List.of(binary.toString(), "-v"), environment(),
                    Pattern.compile("FreeRADIUS Version (\\d+\\.\\d+\\.\\d+)"));
        }
    }

    /**
     * A UDP port on {@code 127.0.0.1} that was free a moment ago: bound and released. Another process may take
     * it before it is used; {@link Builder#start()} retries when that happens to a port it picked.
     */
    public static int freeUdpPort() {
        return PeerProcess.freeUdpPort();
    }

    /**
     * A TCP port on {@code 127.0.0.1} that was free a moment ago: bound and released. Another process may take
     * it before it is used; {@link Builder#start()} retries when that happens to a port it picked.
     */
    public static int freeTcpPort() {
        return PeerProcess.freeTcpPort();
    }

    /** Configures and starts a {@link FreeRadiusProcess}. */
    public static final class Builder {
        private final Path workDir;
        private String secret = "interop-testing-secret";
        private String users = "";
        private int authPort;
        private int acctPort;
        private final Set<String> modules = new LinkedHashSet<>(List.of("always", "attr_filter", "files", "pap", "chap", "detail"));
        private final List<String> serverConfig = new ArrayList<>();
        private final Map<String, String> clientConfig = new LinkedHashMap<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private boolean debug = true;
        private Duration startupTimeout = Duration.ofSeconds(15);
        private boolean radsec;
        private int radsecPort;
        private Path caFile;
        private Path serverCertificate;
        private Path serverKey;
        private boolean requireClientCert = true;
        private Path crlDir;
        private String radsecSecret = "radsec";
        /** Null: as shipped. */
        private String tlsMinVersion;
        private String tlsMaxVersion;
        private EapFiles eap;
        private Installation installation = Installation.SYSTEM;
        /** Null: the RadSec listener (if any) authenticates clients by certificate. */
        private Psk radsecPsk;
        /** Null: no proxying ({@code proxy_requests = no}). */
        private PskHomeServer proxy;
        private String proxyTlsMinVersion;
        private String proxyTlsMaxVersion = "1.2";

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        /** The shared secret of the {@code 127.0.0.1} client; no {@code "} or {@code \}. */
        public Builder secret(String secret) {
            this.secret = plainSecret(secret);
            return this;
        }

        private static String plainSecret(String secret) {
            if (secret.isEmpty() || secret.contains("\"") || secret.contains("\\")) {
                throw new IllegalArgumentException("use a plain secret, without quotes or backslashes");
            }
            return secret;
        }

        private static Path configPath(Path path) {
            Path absolute = path.toAbsolutePath();
            if (absolute.toString().contains("\"") || absolute.toString().contains("\\")) {
                throw new IllegalArgumentException("no quotes or backslashes in " + absolute);
            }
            return absolute;
        }

        /**
         * The users file ({@code mods-config/files/authorize}) in FreeRADIUS's format, e.g.
         * {@code alice Cleartext-Password := "alice-pw"\n\tReply-Message = "hello"\n}.
         */
        public Builder users(String users) {
            this.users = users;
            return this;
        }

        /** The auth listener's UDP port on {@code 127.0.0.1}; 0 (the default) picks a free one. */
        public Builder authPort(int port) {
            this.authPort = port;
            return this;
        }

        /** The accounting listener's UDP port on {@code 127.0.0.1}; 0 (the default) picks a free one. */
        public Builder acctPort(int port) {
            this.acctPort = port;
            return this;
        }

        /** Enables one more module from {@code mods-available} (e.g. {@code chap}, {@code eap}). */
        public Builder module(String name) {
            modules.add(name);
            return this;
        }

        /**
         * Text appended inside the {@code interop} virtual server: more {@code listen} sections (e.g. a RadSec
         * listener), or sections the default ones do not have ({@code pre-proxy}, ...).
         */
        public Builder serverConfig(String text) {
            serverConfig.add(text);
            return this;
        }

        /**
         * An item of the {@code 127.0.0.1} client, e.g. {@code require_message_authenticator = yes}. By default the
         * client has only {@code ipaddr}, {@code secret} and {@code nas_type}.
         */
        public Builder clientItem(String name, String value) {
            clientConfig.put(name, value);
            return this;
        }

        /**
         * A file written into the raddb copy before starting, replacing the stock one (e.g.
         * {@code clients.conf} additions via {@code $INCLUDE}, certificates, policies).
         */
        public Builder file(String relativePath, String content) {
            files.put(relativePath, content);
            return this;
        }

        /**
         * Adds a RadSec (RADIUS over TLS, RFC 6614) listener, {@code type = auth+acct}, on {@code 127.0.0.1}: see
         * {@link #radsecPort()}. Its {@code tls} section is the one Debian ships in the {@code listen} section of
         * {@code sites-available/tls}, read from the installed file at start, so that a Debian update is followed:
         * only {@code private_key_file}, {@code certificate_file} and {@code ca_file} are replaced (the stock
         * {@code private_key_password = whatever} stays; OpenSSL does not ask for it with an unencrypted key), and
         * everything else is as shipped: TLS 1.2 to 1.3, {@code cipher_list = "DEFAULT"}, no session cache,
         * {@code fragment_size = 8192}, {@code ca_path = ${cadir}} (the copy's {@code certs/}, which holds no
         * hashed certificates), {@code require_client_cert = yes}. Test scenarios go on top:
         * {@link #requireClientCert(boolean)}, {@link #crlCheck(Path)}, {@link #tlsVersions(String, String)}. The
         * connection limits are FreeRADIUS's defaults: 16 connections per client, and an idle one closed after 30 s,
         * which our destinations take as the server's normal housekeeping (they reconnect at once, no outage).
         *
         * <p>The files are read by the server (running as root, since {@code user}/{@code group} are commented
         * out) from where they are; the key must be unencrypted PEM. No {@code "} in the paths.
         *
         * @param port the TCP port; 0 picks a free one
         * @param caFile PEM file of the CA certificate(s) trusted for client certificates
         * @param serverCertificate PEM file of the server certificate (chain)
         * @param serverKey PEM file of its private key
         */
        public Builder radsec(int port, Path caFile, Path serverCertificate, Path serverKey) {
            this.radsec = true;
            this.radsecPort = port;
            this.caFile = configPath(caFile);
            this.serverCertificate = configPath(serverCertificate);
            this.serverKey = configPath(serverKey);
            return this;
        }

        /**
         * Whether the RadSec listener requires a client certificate ({@code require_client_cert}). Default true,
         * as shipped. A client without one is dropped during the handshake (TLS 1.2) or right after it (TLS 1.3);
         * in both cases the client sees the connection closed, not an alert.
         */
        public Builder requireClientCert(boolean require) {
            this.requireClientCert = require;
            return this;
        }

        /**
         * Checks client certificates against CRLs ({@code check_crl = yes}, {@code ca_path = hashedDir}). The
         * directory holds the CA certificate(s) and CRL(s) under OpenSSL's hashed names ({@code HASH.0},
         * {@code HASH.r0}, as made by {@code openssl rehash}; see {@link TestPki#hashedDir()}). OpenSSL then
         * requires a valid CRL from the issuer of every client certificate: a missing or expired CRL fails every
         * handshake.
         */
        public Builder crlCheck(Path hashedDir) {
            this.crlDir = configPath(hashedDir);
            return this;
        }

        /** The shared secret of the {@code radsec} client; default {@code radsec} (RFC 6614 section 2.3). */
        public Builder radsecSecret(String secret) {
            this.radsecSecret = plainSecret(secret);
            return this;
        }

        /**
         * The RadSec listener's {@code tls_min_version} and {@code tls_max_version}, e.g. {@code "1.2"},
         * {@code "1.3"}, for a test that needs one version. By default the stock values stay (1.2 to 1.3).
         */
        public Builder tlsVersions(String min, String max) {
            for (String v : List.of(min, max)) {
                if (!v.matches("1\\.[0-3]")) {
                    throw new IllegalArgumentException("a TLS version is 1.0 .. 1.3, not " + v);
                }
            }
            this.tlsMinVersion = min;
            this.tlsMaxVersion = max;
            return this;
        }

        /**
         * Runs this FreeRADIUS installation instead of Debian's ({@link Installation#SYSTEM}, the default), e.g.
         * {@link FreeRadiusProcess#backport()}. Its own stock configuration is copied and rewritten the same way.
         */
        public Builder installation(Installation installation) {
            this.installation = Objects.requireNonNull(installation);
            return this;
        }

        /**
         * {@link #radsecPsk(int, String, String)} on a free port (or the port of an earlier
         * {@link #radsec(int, Path, Path, Path)} call, whose certificates are then dropped).
         */
        public Builder radsecPsk(String identity, String hexKey) {
            return radsecPsk(radsecPort, identity, hexKey);
        }

        /**
         * Adds the RadSec listener of {@link #radsec(int, Path, Path, Path)}, authenticating its clients by TLS-PSK
         * (RFC 9813) with one static identity and key instead of certificates. Its {@code tls} section is still the
         * stock one of {@code sites-available/tls}, with these changes only:
         * <pre>
         *     # private_key_password, private_key_file, certificate_file: commented out
         *     psk_identity = "IDENTITY"
         *     psk_hexphrase = "HEXKEY"
         *     tls_max_version = "1.2"          (unless {@link #tlsVersions(String, String)} says otherwise)
         * </pre>
         * Everything else stays as shipped, notably {@code cipher_list = "DEFAULT"} (OpenSSL 3.0's DEFAULT holds
         * the PSK suites with AES-GCM, ChaCha20-Poly1305 and AES-CBC: PSK-, DHE-PSK-, ECDHE-PSK-...; only the CCM,
         * ARIA and Camellia ones are outside it), {@code ca_file} (Debian's CA bundle, unused with PSK) and
         * {@code require_client_cert = yes} (harmless: PSK suites never ask for a certificate).
         *
         * <p>What FreeRADIUS 3.2.1 does, found by trying (OpenSSL 3.0.x):
         * <ul>
         *   <li>Only TLS 1.2 PSK. With the certificate items still set it logs "Ignoring private key file /
         *       certificate file due to psk_identity being used" and "Disabling TLS 1.3 due to PSK and certificates
         *       being configured simultaneously"; without them and with TLS 1.3 allowed, every client that offers
         *       TLS 1.3 fails ("session id context uninitialized", internal_error alert). Hence
         *       {@code tls_max_version = "1.2"}: a client offering 1.2 and 1.3 then gets 1.2.</li>
         *   <li>Certificates and PSK cannot share a listener: a client with a certificate and no PSK gets "no shared
         *       cipher".</li>
         *   <li>Negotiated with s_client: PSK-AES128-GCM-SHA256, ECDHE-PSK-CHACHA20-POLY1305,
         *       DHE-PSK-AES128-GCM-SHA256 each when offered alone; DHE-PSK-AES256-GCM-SHA384 for s_client's default
         *       list ({@code cipher_server_preference = no}: the client's order wins).</li>
         *   <li>A wrong key (bad_record_mac) or an unknown identity (unknown_psk_identity) is logged with its alert,
         *       but the client sees only EOF.</li>
         * </ul>
         *
         * @param port the TCP port; 0 picks a free one
         * @param identity the PSK identity clients must present; no {@code "} or {@code \}
         * @param hexKey the key as hex digits, at most 256 bytes
         */
        public Builder radsecPsk(int port, String identity, String hexKey) {
            this.radsec = true;
            this.radsecPort = port;
            this.radsecPsk = new Psk(identity, hexKey);
            return this;
        }

        /**
         * Proxies every request that has a User-Name (Access-Request, Accounting-Request) to the RadSec server at
         * {@code server}, over TLS-PSK: {@code proxy_requests = yes} (the stock value), the stock {@code realm}
         * module's {@code suffix} called in {@code authorize} and {@code preacct} as the stock {@code default} site
         * does, and appended to the copy of {@code proxy.conf}:
         * <pre>
         * home_server radsec-psk {
         *     ipaddr = 127.0.0.1
         *     port = PORT
         *     src_ipaddr = 127.0.0.1
         *     type = auth+acct
         *     proto = tcp
         *     secret = SECRET
         *     status_check = none
         *     tls {
         *         (the stock tls section of the home_server in sites-available/tls, with:)
         *         # private_key_password, private_key_file, certificate_file: commented out
         *         psk_identity = "IDENTITY"
         *         psk_hexphrase = "HEXKEY"
         *         tls_max_version = "1.2"      (see {@link #proxyTlsVersions(String, String)})
         *     }
         * }
         * home_server_pool radsec-psk {
         *     type = fail-over
         *     home_server = radsec-psk
         * }
         * realm DEFAULT {
         *     auth_pool = radsec-psk
         *     acct_pool = radsec-psk
         *     nostrip
         * }
         * </pre>
         * and, in the {@code interop} site file (top level), {@code listen { type = proxy; ipaddr = 127.0.0.1;
         * port = 0 }}: without it FreeRADIUS opens its UDP proxy socket on {@code *} (it skips loopback listeners
         * when choosing one). The stock {@code home_server tls} section keeps {@code cipher_list = "DEFAULT"} and
         * {@code connect_timeout = 30}. Status-Server is still answered locally.
         *
         * <p>Needs FreeRADIUS 3.2.4 or later ({@link FreeRadiusProcess#backport()}): 3.2.1 silently ignores
         * {@code psk_identity}/{@code psk_hexphrase} in a {@code home_server}'s {@code tls} section (its client
         * ClientHello carries no PSK suite, and the connection fails with "no shared cipher"), so
         * {@link #start()} refuses it. Tried with 3.2.7: TLS 1.2 to a FreeRADIUS 3.2.1 PSK listener
         * (DHE-PSK-AES256-GCM-SHA384), and with {@code proxyTlsVersions(null, "1.3")} TLS 1.3 to radsecproxy 1.11
         * (TLS_CHACHA20_POLY1305_SHA256). A home server that fails the handshake is marked dead: later requests are
         * rejected at once ("Failed to find live home server") until it revives.
         *
         * @param server the RadSec server, an IPv4 loopback address
         * @param identity the PSK identity to present; no {@code "} or {@code \}
         * @param hexKey the key as hex digits, at most 256 bytes
         * @param secret the RADIUS shared secret towards it ({@code radsec}, RFC 6614)
         */
        public Builder proxyToRadsecPsk(InetSocketAddress server, String identity, String hexKey, String secret) {
            if (!server.getAddress().isLoopbackAddress() || server.getAddress().getAddress().length != 4) {
                throw new IllegalArgumentException("interop tests talk to IPv4 loopback only, not " + server);
            }
            this.proxy = new PskHomeServer(server, new Psk(identity, hexKey), plainSecret(secret));
            return this;
        }

        /**
         * The home server's {@code tls_min_version} and {@code tls_max_version} for
         * {@link #proxyToRadsecPsk}; a null minimum leaves the stock default. Default: no minimum, maximum
         * {@code "1.2"}. TLS 1.3 PSK works with FreeRADIUS 3.2.7: {@code proxyTlsVersions(null, "1.3")} negotiated
         * TLS_CHACHA20_POLY1305_SHA256 with radsecproxy 1.11 (whose PSK context allows only SHA-256 suites).
         */
        public Builder proxyTlsVersions(String min, String max) {
            for (String v : Arrays.asList(min, max)) {
                if (v != null && !v.matches("1\\.[0-3]")) {
                    throw new IllegalArgumentException("a TLS version is 1.0 .. 1.3, not " + v);
                }
            }
            this.proxyTlsMinVersion = min;
            this.proxyTlsMaxVersion = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Enables 802.1X authentication the way Debian ships it: the stock {@code mods-available/eap} module with
         * only {@code private_key_file}, {@code certificate_file} and {@code ca_file} of its {@code tls-common}
         * section pointed at the given files (everything else as shipped: {@code default_eap_type = md5}, TLS 1.2
         * only, no session cache; EAP-MD5, GTC, TLS, TTLS, PEAP and MSCHAPv2), the modules the stock
         * {@code inner-tunnel} site calls ({@code mschap}, {@code realm}, {@code expiration}, {@code logintime},
         * {@code radutmp}), and that site itself, where only its debugging listener moves from port 18120 to a
         * free UDP port. The {@code interop} site then calls {@code eap} in {@code authorize} (before
         * {@code files}, returning on {@code ok}), in {@code authenticate} ({@code Auth-Type EAP}) and for
         * Access-Rejects in {@code post-auth}, as the stock {@code default} site does.
         *
         * <p>Reply attributes are the server's own: every answer to an EAP request carries Message-Authenticator,
         * and an EAP-TLS, PEAP or TTLS Access-Accept carries MS-MPPE-Send-Key and MS-MPPE-Recv-Key (RFC 2548,
         * encrypted with the client's secret and its Request Authenticator). PEAP's inner MSCHAPv2 and EAP-MD5 need
         * the user's {@code Cleartext-Password} in the {@link #users(String) users file}; EAP-TLS needs no entry.
         *
         * @param caFile PEM file of the CA certificate(s) that client certificates (EAP-TLS) must chain to
         * @param serverCertificate PEM file of the EAP server certificate (chain)
         * @param serverKey PEM file of its unencrypted private key
         */
        public Builder eap(Path caFile, Path serverCertificate, Path serverKey) {
            this.eap = new EapFiles(configPath(caFile), configPath(serverCertificate), configPath(serverKey));
            return this;
        }

        /** Whether to run with {@code -xx} (packet-level debug in the log, threads still on). Default true. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /** How long to wait for the server to answer Status-Server. Default 15 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Writes the configuration and starts the server, returning once it answers Status-Server.
         *
         * @throws IllegalStateException with the server's log when it exits or does not answer in time
         */
        public FreeRadiusProcess start() throws IOException {
            if (radsecPsk != null && caFile != null) {
                throw new IllegalStateException("radsec(...) certificates and radsecPsk(...) on one listener: FreeRADIUS"
                        + " 3.2.1 ignores the certificates when psk_identity is set, so certificate clients get 'no"
                        + " shared cipher'. Use one or the other.");
            }
            if (radsecPsk != null && crlDir != null) {
                throw new IllegalStateException("crlCheck(...) needs certificates; the listener uses radsecPsk(...)");
            }
            if (radsec && radsecPsk == null && caFile == null) {
                throw new IllegalStateException("a RadSec listener needs radsec(port, ca, cert, key) or radsecPsk(...)");
            }
            if (proxy != null) {
                String version = installation.version();
                if (!Backports.atLeast(version, "3.2.4")) {
                    throw new IllegalStateException("FreeRADIUS " + version + " (" + installation.binary() + ") cannot"
                            + " be a TLS-PSK RadSec client: before 3.2.4 a home_server's tls section ignores"
                            + " psk_identity/psk_hexphrase. Use installation(FreeRadiusProcess.backport()...) (3.2.7).");
                }
            }
            // With EAP the inner-tunnel port is always picked, so a new attempt may succeed.
            boolean portsPicked = authPort == 0 || acctPort == 0 || (radsec && radsecPort == 0) || eap != null;
            return PeerProcess.startWithRetries(portsPicked, () -> {
                int auth = authPort != 0 ? authPort : freeUdpPort();
                int acct = acctPort;
                while (acct == 0 || acct == auth) {
                    acct = freeUdpPort();
                }
                int tls = !radsec ? 0 : radsecPort != 0 ? radsecPort : freeTcpPort();
                return startOnce(Files.createTempDirectory(workDir, "freeradius-"), auth, acct, tls);
            });
        }

        private FreeRadiusProcess startOnce(Path dir, int auth, int acct, int tls) throws IOException {
            Path raddb = dir.resolve("raddb");
            Path logDir = dir.resolve("log");
            Path runDir = dir.resolve("run");
            Files.createDirectories(logDir);
            Files.createDirectories(runDir);
            writeConfig(raddb, logDir, runDir, auth, acct, tls);

            Path logFile = logDir.resolve("radius.log");
            Path console = dir.resolve("console.log");
            List<String> command = new ArrayList<>(List.of(installation.binary().toString(), "-f"));
            if (debug) {
                command.addAll(List.of("-xx", "-l", logFile.toString()));
            }
            if (installation.dictDir() != null) {
                command.addAll(List.of("-D", installation.dictDir().toString()));
            }
            command.addAll(List.of("-d", raddb.toString()));
            PeerProcess p = PeerProcess.start("FreeRADIUS", command, installation.environment(), dir, console);
            FreeRadiusProcess server = new FreeRadiusProcess(p, dir, raddb, logFile, console, auth, acct, tls, secret,
                    radsecSecret);
            boolean ready = false;
            try {
                awaitReady(server);
                ready = true;
                return server;
            } finally {
                if (!ready) {
                    server.close();
                }
            }
        }

        /**
         * Polls with Status-Server until a verified answer comes, the server exits, or the deadline passes.
         * FreeRADIUS 3.2.1 answers Status-Server without Message-Authenticator, so the answer is verified with
         * {@link MessageAuthenticatorPolicy#VERIFY_IF_PRESENT}; its Response Authenticator proves the secret.
         */
        private void awaitReady(FreeRadiusProcess server) throws IOException {
            PacketCodec codec = new PacketCodec(Dictionary.standard());
            SharedSecret key = SharedSecret.of(secret);
            int[] id = {0};
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                socket.connect(server.authAddress());
                // The receive timeout paces the poll.
                socket.setSoTimeout(100);
                byte[] buf = new byte[RadiusPacket.MAX_LENGTH];
                server.process.awaitReady(startupTimeout, Duration.ZERO, "answer Status-Server", server, server::log,
                        () -> {
                            id[0] = (id[0] + 1) & 0xFF;
                            byte[] probe = codec.encodeRequest(RadiusPacket.builder(PacketCode.STATUS_SERVER,
                                    codec.dictionary()).identifier(id[0]).build(), key);
                            try {
                                socket.send(new DatagramPacket(probe, probe.length));
                                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                                socket.receive(reply);
                                codec.decodeResponse(reply.getData(), 0, reply.getLength(), probe, key,
                                        MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
                                return true;
                            } catch (PortUnreachableException notYetBound) {
                                // ICMP port unreachable comes back at once: pace the poll instead of spinning.
                                server.process.pause(20);
                            } catch (SocketTimeoutException | RadiusDecodeException tryAgain) {
                                // No answer yet, or an answer to an earlier probe: probe again.
                            }
                            return false;
                        });
            }
        }

        private void writeConfig(Path raddb, Path logDir, Path runDir, int auth, int acct, int tls)
                throws IOException {
            copyTree(installation.stockConfig(), raddb);

            Path radiusd = raddb.resolve("radiusd.conf");
            String conf = Files.readString(radiusd);
            conf = replaceOnce(radiusd, conf, "raddbdir", "raddbdir = " + raddb);
            conf = replaceOnce(radiusd, conf, "logdir", "logdir = " + logDir);
            conf = replaceOnce(radiusd, conf, "run_dir", "run_dir = " + runDir);
            conf = replaceOnce(radiusd, conf, "user", "#user = (commented out for tests)");
            conf = replaceOnce(radiusd, conf, "group", "#group = (commented out for tests)");
            conf = replaceOnce(radiusd, conf, "reject_delay", "reject_delay = 0");
            conf = replaceOnce(radiusd, conf, "status_server", "status_server = yes");
            conf = replaceOnce(radiusd, conf, "proxy_requests", "proxy_requests = " + (proxy == null ? "no" : "yes"));
            if (installation.libDir() != null) {
                conf = replaceOnce(radiusd, conf, "libdir", "libdir = " + installation.libDir());
            }
            write(radiusd, conf);

            Path modsEnabled = raddb.resolve("mods-enabled");
            Set<String> enabled = new LinkedHashSet<>(modules);
            if (eap != null) {
                enabled.addAll(EapFiles.MODULES);
            }
            if (proxy != null) {
                // The stock "realm" module file defines suffix (and IPASS, bangpath, ...).
                enabled.add("realm");
            }
            for (String module : enabled) {
                Path source = raddb.resolve("mods-available").resolve(module);
                if (!Files.isRegularFile(source)) {
                    throw new IllegalArgumentException("no module " + module + " in " + installation.stockConfig());
                }
                Files.copy(source, modsEnabled.resolve(module));
            }
            if (eap != null) {
                writeEap(raddb, auth, acct);
            }

            StringBuilder client = new StringBuilder();
            client.append("client interop {\n")
                    .append("\tipaddr = 127.0.0.1\n")
                    .append("\tsecret = \"").append(secret).append("\"\n")
                    .append("\tnas_type = other\n");
            clientConfig.forEach((k, v) -> client.append('\t').append(k).append(" = ").append(v).append('\n'));
            client.append("}\n");
            if (radsec) {
                client.append("clients radsec {\n")
                        .append("\tclient radsec-loopback {\n")
                        .append("\t\tipaddr = 127.0.0.1\n")
                        .append("\t\tproto = tls\n")
                        .append("\t\tsecret = \"").append(radsecSecret).append("\"\n")
                        .append("\t\tnas_type = other\n")
                        .append("\t}\n")
                        .append("}\n");
            }
            write(raddb.resolve("clients.conf"), client.toString());

            write(raddb.resolve("mods-config/files/authorize"), users);
            write(raddb.resolve("users"), users);

            if (proxy != null) {
                Path proxyConf = raddb.resolve("proxy.conf");
                write(proxyConf, Files.readString(proxyConf) + "\n" + pskHomeServer(raddb));
            }

            StringBuilder site = new StringBuilder();
            if (proxy != null) {
                // Otherwise FreeRADIUS opens its UDP proxy socket on *: it skips loopback listeners when choosing.
                site.append("listen {\n\ttype = proxy\n\tipaddr = 127.0.0.1\n\tport = 0\n}\n");
            }
            site.append("server interop {\n")
                    .append(listen("auth", auth))
                    .append(listen("acct", acct))
                    .append(radsec ? radsecListen(raddb, tls) : "")
                    .append("\tauthorize {\n")
                    .append("\t\tchap\n")
                    .append(proxy == null ? "" : "\t\tsuffix\n")
                    .append(eap == null ? "" : "\t\teap {\n\t\t\tok = return\n\t\t}\n")
                    .append("\t\tfiles\n")
                    .append("\t\tpap\n")
                    .append("\t\tAutz-Type Status-Server {\n\t\t\tok\n\t\t}\n")
                    .append("\t}\n")
                    .append("\tauthenticate {\n")
                    .append("\t\tAuth-Type PAP {\n\t\t\tpap\n\t\t}\n")
                    .append("\t\tAuth-Type CHAP {\n\t\t\tchap\n\t\t}\n")
                    .append(eap == null ? "" : "\t\tAuth-Type EAP {\n\t\t\teap\n\t\t}\n")
                    .append("\t}\n")
                    .append(proxy == null ? "\tpreacct {\n\t\tok\n\t}\n" : "\tpreacct {\n\t\tsuffix\n\t\tok\n\t}\n")
                    .append("\taccounting {\n\t\tdetail\n\t\tok\n\t}\n")
                    .append("\tpost-auth {\n")
                    .append("\t\tok\n")
                    .append("\t\tPost-Auth-Type REJECT {\n\t\t\tattr_filter.access_reject\n")
                    .append(eap == null ? "" : "\t\t\teap\n")
                    .append("\t\t}\n")
                    .append("\t}\n");
            serverConfig.forEach(text -> site.append(text).append('\n'));
            site.append("}\n");
            write(raddb.resolve("sites-enabled/interop"), site.toString());

            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = raddb.resolve(f.getKey()).normalize();
                if (!target.startsWith(raddb)) {
                    throw new IllegalArgumentException(f.getKey() + " is outside the raddb directory");
                }
                Files.createDirectories(target.getParent());
                write(target, f.getValue());
            }
        }

        /**
         * mods-enabled/eap: the stock module with only its three file paths replaced; sites-enabled/inner-tunnel:
         * the stock site (PEAP's and TTLS's {@code virtual_server}) with only its debugging listener moved from
         * 18120 to a free port, so servers can run side by side.
         */
        private void writeEap(Path raddb, int auth, int acct) throws IOException {
            Path module = raddb.resolve("mods-available/eap");
            String text = Files.readString(module);
            text = replaceOnce(module, text, "private_key_file", "private_key_file = \"" + eap.serverKey() + "\"");
            text = replaceOnce(module, text, "certificate_file",
                    "certificate_file = \"" + eap.serverCertificate() + "\"");
            text = replaceOnce(module, text, "ca_file", "ca_file = \"" + eap.caFile() + "\"");
            write(raddb.resolve("mods-enabled/eap"), text);

            Path site = raddb.resolve("sites-available/inner-tunnel");
            int inner = freeUdpPort();
            while (inner == auth || inner == acct) {
                inner = freeUdpPort();
            }
            write(raddb.resolve("sites-enabled/inner-tunnel"),
                    replaceOnce(site, Files.readString(site), "port", "port = " + inner));
        }

        private static String listen(String type, int port) {
            return "\tlisten {\n"
                    + "\t\ttype = " + type + "\n"
                    + "\t\tipaddr = 127.0.0.1\n"
                    + "\t\tport = " + port + "\n"
                    + "\t\trecv_buff = 4194304\n"
                    + "\t}\n";
        }

        /**
         * Our RadSec listener: {@code ipaddr}, {@code port} and {@code clients} are ours, its limits FreeRADIUS's own;
         * its {@code tls} section is Debian's, as shipped ({@link #stockRadsecTls(Path)}), with only the file paths
         * replaced and the test scenarios asked for ({@link #requireClientCert}, {@link #crlCheck},
         * {@link #tlsVersions}) applied on top.
         */
        private String radsecListen(Path raddb, int port) throws IOException {
            Path stockSite = raddb.resolve(STOCK_RADSEC_SITE);
            String tls = stockRadsecTls(stockSite);
            if (radsecPsk != null) {
                tls = pskTls(stockSite, tls, radsecPsk);
                if (!requireClientCert) {
                    tls = replaceOnce(stockSite, tls, "require_client_cert", "require_client_cert = no");
                }
                tls = setItem(stockSite, tls, "tls_min_version", tlsMinVersion);
                tls = setItem(stockSite, tls, "tls_max_version", tlsMaxVersion != null ? tlsMaxVersion : "1.2");
                return radsecListenSection(port, tls);
            }
            tls = replaceOnce(stockSite, tls, "private_key_file", "private_key_file = \"" + serverKey + "\"");
            tls = replaceOnce(stockSite, tls, "certificate_file", "certificate_file = \"" + serverCertificate + "\"");
            tls = replaceOnce(stockSite, tls, "ca_file", "ca_file = \"" + caFile + "\"");
            if (!requireClientCert) {
                tls = replaceOnce(stockSite, tls, "require_client_cert", "require_client_cert = no");
            }
            if (crlDir != null) {
                tls = replaceOnce(stockSite, tls, "ca_path", "ca_path = \"" + crlDir + "\"");
                // Shipped commented out ("#\tcheck_crl = yes"): added, not replaced.
                tls = addItem(stockSite, tls, "check_crl", "check_crl = yes");
            }
            if (tlsMinVersion != null) {
                tls = replaceOnce(stockSite, tls, "tls_min_version", "tls_min_version = \"" + tlsMinVersion + "\"");
                tls = replaceOnce(stockSite, tls, "tls_max_version", "tls_max_version = \"" + tlsMaxVersion + "\"");
            }
            return radsecListenSection(port, tls);
        }

        private static String radsecListenSection(int port, String tls) {
            return "\tlisten {\n"
                    + "\t\ttype = auth+acct\n"
                    + "\t\tproto = tcp\n"
                    + "\t\tipaddr = 127.0.0.1\n"
                    + "\t\tport = " + port + "\n"
                    + "\t\tclients = radsec\n"
                    + tls.lines().map(line -> line.isEmpty() ? "\n" : "\t" + line + "\n").collect(Collectors.joining())
                    + "\t}\n";
        }

        /**
         * The {@code tls { ... }} section of the first {@code listen} section of {@code site} (Debian's
         * {@code sites-available/tls}), verbatim with its comments, from its opening line to its matching closing
         * brace. Braces in comments and quoted strings do not count.
         *
         * @throws IllegalStateException when the file has no such section: the stock configuration changed
         */
        static String stockRadsecTls(Path site) throws IOException {
            return stockTls(site, "listen\\s*\\{", "listen");
        }

        /**
         * The {@code tls { ... }} section of the first {@code home_server} section of {@code site} (Debian's
         * {@code sites-available/tls} has {@code home_server tls}), verbatim, as {@link #stockRadsecTls(Path)}.
         *
         * @throws IllegalStateException when the file has no such section: the stock configuration changed
         */
        static String stockHomeServerTls(Path site) throws IOException {
            return stockTls(site, "home_server\\s+\\S+\\s*\\{", "home_server");
        }

        /** The {@code tls} subsection of the first top-level section whose opening line matches {@code section}. */
        private static String stockTls(Path site, String section, String name) throws IOException {
            List<String> lines = Files.readAllLines(site);
            int depth = 0;
            int listenDepth = -1;
            int tlsStart = -1;
            for (int i = 0; i < lines.size(); i++) {
                String code = withoutComment(lines.get(i)).strip();
                if (tlsStart < 0 && listenDepth < 0 && depth == 0 && code.matches(section)) {
                    listenDepth = depth + 1;
                } else if (tlsStart < 0 && listenDepth >= 0 && depth == listenDepth && code.matches("tls\\s*\\{")) {
                    tlsStart = i;
                }
                depth += braceBalance(code);
                if (tlsStart >= 0 && depth == listenDepth) {
                    return String.join("\n", lines.subList(tlsStart, i + 1)) + "\n";
                }
                if (listenDepth >= 0 && depth < listenDepth) {
                    break;
                }
            }
            throw new IllegalStateException("no '" + name + " { ... tls { ... } }' section found in " + site
                    + " (copied from " + STOCK_CONFIG.resolve(STOCK_RADSEC_SITE)
                    + "): the stock configuration changed");
        }

        /**
         * A stock {@code tls} section turned to TLS-PSK: the certificate items commented out (FreeRADIUS ignores
         * them when {@code psk_identity} is set, and with them present disables TLS 1.3), the identity and key
         * added after the opening line.
         */
        private static String pskTls(Path file, String tls, Psk psk) {
            for (String item : List.of("private_key_password", "private_key_file", "certificate_file")) {
                tls = replaceOnce(file, tls, item, "#" + item + " left out: TLS-PSK (RFC 9813) instead of certificates");
            }
            tls = addItem(file, tls, "psk_hexphrase", "psk_hexphrase = \"" + psk.hexKey() + "\"");
            return addItem(file, tls, "psk_identity", "psk_identity = \"" + psk.identity() + "\"");
        }

        /**
         * Sets {@code item = "value"} in {@code section}: replaces its one line, or adds it when the section has
         * none. A null value leaves the section as it is.
         */
        private static String setItem(Path file, String section, String item, String value) {
            if (value == null) {
                return section;
            }
            String line = item + " = \"" + value + "\"";
            return Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(item) + "[ \\t]*=").matcher(section).find()
                    ? replaceOnce(file, section, item, line) : addItem(file, section, item, line);
        }

        /** The home server, pool and {@code DEFAULT} realm of {@link #proxyToRadsecPsk}, for proxy.conf. */
        private String pskHomeServer(Path raddb) throws IOException {
            Path stockSite = raddb.resolve(STOCK_RADSEC_SITE);
            String tls = pskTls(stockSite, stockHomeServerTls(stockSite), proxy.psk());
            tls = setItem(stockSite, tls, "tls_min_version", proxyTlsMinVersion);
            tls = setItem(stockSite, tls, "tls_max_version", proxyTlsMaxVersion);
            return "# TLS-PSK RadSec home server, written by " + FreeRadiusProcess.class.getName() + "\n"
                    + "home_server radsec-psk {\n"
                    + "\tipaddr = " + proxy.server().getAddress().getHostAddress() + "\n"
                    + "\tport = " + proxy.server().getPort() + "\n"
                    + "\tsrc_ipaddr = 127.0.0.1\n"
                    + "\ttype = auth+acct\n"
                    + "\tproto = tcp\n"
                    + "\tsecret = \"" + proxy.secret() + "\"\n"
                    + "\tstatus_check = none\n"
                    + tls.lines().map(l -> l.isEmpty() ? "\n" : (l.startsWith("\t") ? l : "\t" + l.strip()) + "\n")
                            .collect(Collectors.joining())
                    + "}\n"
                    + "home_server_pool radsec-psk {\n\ttype = fail-over\n\thome_server = radsec-psk\n}\n"
                    + "realm DEFAULT {\n\tauth_pool = radsec-psk\n\tacct_pool = radsec-psk\n\tnostrip\n}\n";
        }

        /** {@code line} up to its first {@code #} outside double quotes. */
        private static String withoutComment(String line) {
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '#' && !quoted) {
                    return line.substring(0, i);
                }
            }
            return line;
        }

        /** Opening minus closing braces of a comment-free line, outside double quotes. */
        private static int braceBalance(String code) {
            int balance = 0;
            boolean quoted = false;
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '{') {
                    balance++;
                } else if (!quoted && c == '}') {
                    balance--;
                }
            }
            return balance;
        }

        /**
         * Adds {@code line} right after the opening line of {@code section}, indented like the line after it;
         * {@code section} must not set {@code item} already (uncommented).
         */
        private static String addItem(Path file, String section, String item, String line) {
            if (Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(item) + "[ \\t]*=").matcher(section).find()) {
                throw new IllegalStateException("'" + item + "' is set already in the tls section of "
                        + file.getFileName() + ": the stock configuration changed");
            }
            int firstLineEnd = section.indexOf('\n') + 1;
            String rest = section.substring(firstLineEnd);
            String indent = rest.substring(0, rest.length() - rest.stripLeading().length());
            indent = indent.substring(indent.lastIndexOf('\n') + 1);
            return section.substring(0, firstLineEnd) + indent + line + "\n" + rest;
        }

        /**
         * Replaces the one uncommented line {@code item = ...} of {@code file}'s text {@code conf} by {@code line},
         * keeping its indentation.
         */
        private static String replaceOnce(Path file, String conf, String item, String line) {
            Matcher m = Pattern.compile("(?m)^([ \\t]*)" + Pattern.quote(item) + "[ \\t]*=.*$").matcher(conf);
            int count = 0;
            while (m.find()) {
                count++;
            }
            if (count != 1) {
                throw new IllegalStateException("expected one '" + item + " = ' line in " + file.getFileName()
                        + ", found " + count + ": the stock configuration changed");
            }
            return m.replaceFirst(r -> Matcher.quoteReplacement(r.group(1) + line));
        }

        /**
         * Copies the stock tree, following symbolic links, except the enabled sites and modules, which are
         * chosen by {@link #writeConfig}. Files become 0640 and directories 0750 (FreeRADIUS refuses a
         * world-writable configuration).
         */
        private static void copyTree(Path from, Path to) throws IOException {
            Set<Path> skipped = Set.of(from.resolve("sites-enabled"), from.resolve("mods-enabled"));
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path source : (Iterable<Path>) walk::iterator) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (skipped.contains(source.getParent())) {
                        continue;
                    }
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));
                    } else if (Files.isRegularFile(source)) {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(CONFIG_FILE_PERMISSIONS));
                    }
                    // Dangling links are skipped: nothing stock reads them.
                }
            }
        }

        private static void write(Path file, String content) throws IOException {
            PeerProcess.writeFile(file, content, CONFIG_FILE_PERMISSIONS);
        }
    }

    /** A static TLS-PSK identity and key (hex), as FreeRADIUS's {@code psk_identity}/{@code psk_hexphrase}. */
    private record Psk(String identity, String hexKey) {
        Psk {
            if (identity.isEmpty() || identity.contains("\"") || identity.contains("\\")
                    || identity.chars().anyMatch(c -> c < ' ' || c > '~')) {
                throw new IllegalArgumentException("use a plain printable ASCII PSK identity, without quotes or"
                        + " backslashes: " + identity);
            }
            if (!hexKey.matches("([0-9a-fA-F]{2})+") || hexKey.length() > 512) {
                throw new IllegalArgumentException("the PSK is an even number of hex digits, at most 256 bytes"
                        + " (FreeRADIUS's psk_hexphrase, no 0x)");
            }
        }

        @Override
        public String toString() {
            return "Psk[" + identity + "]";
        }
    }

    /** The home server of {@link Builder#proxyToRadsecPsk}. */
    private record PskHomeServer(InetSocketAddress server, Psk psk, String secret) {
    }

    /** The files of {@link Builder#eap(Path, Path, Path)}, absolute. */
    private record EapFiles(Path caFile, Path serverCertificate, Path serverKey) {
        /** What the stock eap module and inner-tunnel site call, besides the modules always enabled. */
        static final List<String> MODULES = List.of("eap", "mschap", "realm", "expiration", "logintime", "radutmp");
    }
}
