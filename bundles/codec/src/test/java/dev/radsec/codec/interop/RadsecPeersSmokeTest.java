package dev.radsec.codec.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke test of the RadSec peers the transport tests use: FreeRADIUS 3 with a RadSec listener, and radsecproxy in
 * front of FreeRADIUS's UDP ports, each reached with {@code openssl s_client} and certificates from a fresh
 * {@link TestPki}. Access-Request, Accounting-Request and Status-Server are answered over TLS; a client without a
 * certificate, and one whose certificate is revoked (CRL checking on), are refused.
 *
 * <p>Skipped where the peers are not installed; failed in CI (env {@code CI} set) when they are missing.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RadsecPeersSmokeTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret RADSEC = SharedSecret.of("radsec");
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(10);
    private static final String USERS = "alice\tCleartext-Password := \"alice-pw\"\n"
            + "\tReply-Message = \"hello alice\"\n";

    Path tmp;
    TestPki pki;
    TestPki.Credential revoked;
    FreeRadiusProcess freeradius;
    FreeRadiusProcess freeradiusCrl;
    FreeRadiusProcess freeradiusOptionalCert;
    RadsecproxyProcess proxy;
    RadsecproxyProcess proxyCrl;
    final List<String> timings = new ArrayList<>();
    int nextId;

    @BeforeAll
    void startPeers(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);

        long t0 = System.nanoTime();
        pki = TestPki.create(tmp.resolve("pki"));
        revoked = pki.issue("revoked", "revoked-client");
        pki.revoke(revoked);
        Path hashed = pki.hashedDir();
        timings.add("PKI " + millisSince(t0) + " ms");

        // The two FreeRADIUS instances start in parallel; each proxy needs its FreeRADIUS's ports.
        CompletableFuture<FreeRadiusProcess> plain = startAsync("FreeRADIUS", () -> radsecServer().start());
        CompletableFuture<FreeRadiusProcess> withCrl = startAsync("FreeRADIUS+CRL",
                () -> radsecServer().crlCheck(hashed).start());
        CompletableFuture<FreeRadiusProcess> optionalCert = startAsync("FreeRADIUS-optional-cert",
                () -> radsecServer().requireClientCert(false).debug(false).start());
        try {
            freeradius = plain.join();
            freeradiusCrl = withCrl.join();
            freeradiusOptionalCert = optionalCert.join();
        } catch (CompletionException e) {
            plain.thenAccept(FreeRadiusProcess::close);
            withCrl.thenAccept(FreeRadiusProcess::close);
            optionalCert.thenAccept(FreeRadiusProcess::close);
            throw e;
        }
        CompletableFuture<RadsecproxyProcess> proxyPlain = startAsync("radsecproxy",
                () -> proxyFor(freeradius).start());
        CompletableFuture<RadsecproxyProcess> proxyWithCrl = startAsync("radsecproxy+CRL",
                () -> proxyFor(freeradiusCrl).crlCheck(hashed).start());
        try {
            proxy = proxyPlain.join();
            proxyCrl = proxyWithCrl.join();
        } catch (CompletionException e) {
            proxyPlain.thenAccept(RadsecproxyProcess::close);
            proxyWithCrl.thenAccept(RadsecproxyProcess::close);
            throw e;
        }
        System.out.println("RadsecPeersSmokeTest startup: " + String.join(", ", timings));
    }

    private FreeRadiusProcess.Builder radsecServer() {
        TestPki.Credential server = pki.server();
        return FreeRadiusProcess.builder(tmp)
                .users(USERS)
                .radsec(0, pki.caCertificate(), server.certificate(), server.key());
    }

    private RadsecproxyProcess.Builder proxyFor(FreeRadiusProcess upstream) {
        TestPki.Credential server = pki.server();
        return RadsecproxyProcess.builder(tmp)
                .tls(pki.caCertificate(), server.certificate(), server.key())
                .upstream(upstream);
    }

    interface Starter<T> {
        T start() throws Exception;
    }

    private <T> CompletableFuture<T> startAsync(String name, Starter<T> starter) {
        return CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            try {
                T started = starter.start();
                synchronized (timings) {
                    timings.add(name + " " + millisSince(t) + " ms");
                }
                return started;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @AfterAll
    void stopPeers() throws Exception {
        Peers.closeAll(proxy, proxyCrl, freeradius, freeradiusCrl, freeradiusOptionalCert);
    }

    // ---- requests ----

    private byte[] statusServer() {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.STATUS_SERVER, DICT)
                .identifier(nextId++ & 0xFF).build(), RADSEC);
    }

    private byte[] accessRequest(String password) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .identifier(nextId++ & 0xFF)
                .add("User-Name", "alice")
                .add("User-Password", password)
                .add("NAS-IP-Address", "192.0.2.1")
                .build(), RADSEC);
    }

    /** Without Message-Authenticator: radsecproxy refuses an Accounting-Request that carries one. */
    private byte[] accountingRequest() {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT)
                .identifier(nextId++ & 0xFF)
                .add("User-Name", "alice")
                .add("Acct-Status-Type", "Start")
                .add("Acct-Session-Id", "smoke-" + nextId)
                .add("NAS-IP-Address", "192.0.2.1")
                .build(), RADSEC);
    }

    private OpenSslClient client(InetSocketAddress server, TestPki.Credential credential, String... options)
            throws Exception {
        List<String> all = new ArrayList<>(List.of("-verify_ip", "127.0.0.1"));
        all.addAll(List.of(options));
        return OpenSslClient.start(tmp, server, pki.caCertificate(), credential, all.toArray(String[]::new));
    }

    /**
     * Status-Server, Access-Request (accepted and rejected) and Accounting-Request, one TLS session, closed
     * cleanly: s_client exits 0.
     */
    private void answersEveryKindOfRequest(InetSocketAddress server, Supplier<String> log, String expectedProtocol,
                                           String... options) throws Exception {
        answersEveryKindOfRequest(server, pki.client(), true, log, expectedProtocol, options);
    }

    /**
     * As above; with {@code closeCleanly} false s_client is killed at the end instead. (A clean close costs 0.5 s
     * against FreeRADIUS: s_client waits that long for the server to close the TCP connection after its
     * close_notify, and FreeRADIUS closes it only on its next timer tick.)
     */
    private void answersEveryKindOfRequest(InetSocketAddress server, TestPki.Credential credential,
                                           boolean closeCleanly, Supplier<String> log, String expectedProtocol,
                                           String... options) throws Exception {
        try (OpenSslClient c = client(server, credential, options)) {
            Supplier<String> context = () -> c + "\n" + c.output() + "\n" + log.get();

            RadiusPacket status = c.exchange(CODEC, statusServer(), RADSEC, ANSWER);
            assertEquals(PacketCode.ACCESS_ACCEPT, status.code(), context);

            RadiusPacket accept = c.exchange(CODEC, accessRequest("alice-pw"), RADSEC, ANSWER);
            assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), context);
            assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString(), context);
            RadiusPacket reject = c.exchange(CODEC, accessRequest("wrong"), RADSEC, ANSWER);
            assertEquals(PacketCode.ACCESS_REJECT, reject.code(), context);

            RadiusPacket acct = c.exchange(CODEC, accountingRequest(), RADSEC, ANSWER);
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, acct.code(), context);

            assertEquals(Optional.of(expectedProtocol), c.protocol(), context);
            if (closeCleanly) {
                assertEquals(0, c.finish(EXIT), context);
            }
        }
    }

    /**
     * The client is refused: s_client exits on its own, non-zero, with its standard input still open, and its
     * Status-Server gets no answer. (With TLS 1.3 it first reports a session: the server checks the client
     * certificate after the client's handshake is complete.) Then the server's log tells why: {@code logged}.
     */
    private void refuses(InetSocketAddress server, TestPki.Credential credential, Supplier<String> log,
                         String logged, String... options) throws Exception {
        try (OpenSslClient c = client(server, credential, options)) {
            byte[] probe = statusServer();
            c.send(probe);
            OptionalInt exit = c.awaitExit(EXIT);
            Supplier<String> context = () -> c + "\n" + c.output() + "\n" + log.get();
            assertTrue(exit.isPresent(), () -> "s_client was not disconnected within " + EXIT + ": " + context.get());
            assertNotEquals(0, exit.getAsInt(), context);
            assertFalse(OpenSslClient.findResponse(CODEC, c.received(), 0, probe, RADSEC).isPresent(), context);
        }
        assertTrue(log.get().contains(logged), log);
    }

    // ---- FreeRADIUS ----

    /**
     * The RadSec listener runs Debian's own {@code tls} section, read from the installed
     * {@code sites-available/tls}: every setting in it is in the running configuration, and only the three file
     * paths are replaced.
     */
    @Test
    void freeradiusRunsTheStockTlsSection() throws Exception {
        Path stockSite = FreeRadiusProcess.STOCK_CONFIG.resolve(FreeRadiusProcess.STOCK_RADSEC_SITE);
        String stock = FreeRadiusProcess.Builder.stockRadsecTls(stockSite);
        List<String> running = Files.readAllLines(freeradius.configDir().resolve("sites-enabled/interop")).stream()
                .map(String::strip).toList();
        Map<String, String> paths = Map.of(
                "private_key_file", "private_key_file = \"" + pki.server().key() + "\"",
                "certificate_file", "certificate_file = \"" + pki.server().certificate() + "\"",
                "ca_file", "ca_file = \"" + pki.caCertificate() + "\"");
        List<String> settings = stock.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertTrue(settings.contains("fragment_size = 8192"), stock);
        for (String setting : settings) {
            String expected = paths.getOrDefault(setting.split("[ \t=]", 2)[0], setting);
            assertTrue(running.contains(expected), () -> "'" + expected + "' is not in the running configuration\n"
                    + String.join("\n", running));
        }
    }

    /** Without a {@code tls} section in a {@code listen} section, starting fails and names the file. */
    @Test
    void aStockSiteWithoutListenerTlsIsRefused() throws Exception {
        Path site = Files.writeString(tmp.resolve("tls-without-listen-tls"), "listen {\n\tport = 2083\n"
                + "#\ttls {\n}\nhome_server tls {\n\ttls {\n\t\tca_file = x\n\t}\n}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FreeRadiusProcess.Builder.stockRadsecTls(site));
        assertTrue(e.getMessage().contains(site.toString()), e.getMessage());
    }

    @Test
    void freeradiusAnswersOverTls13() throws Exception {
        answersEveryKindOfRequest(freeradius.radsecAddress(), freeradius::log, "TLSv1.3");
    }

    @Test
    void freeradiusAnswersOverTls12() throws Exception {
        answersEveryKindOfRequest(freeradius.radsecAddress(), freeradius::log, "TLSv1.2", "-tls1_2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void freeradiusRefusesClientWithoutCertificate(String version) throws Exception {
        refuses(freeradius.radsecAddress(), null, freeradius::log, "peer did not return a certificate", version);
    }

    @Test
    void freeradiusWithCrlCheckAcceptsValidClient() throws Exception {
        answersEveryKindOfRequest(freeradiusCrl.radsecAddress(), pki.client(), false, freeradiusCrl::log, "TLSv1.3");
    }

    @Test
    void freeradiusWithCrlCheckRefusesRevokedClient() throws Exception {
        refuses(freeradiusCrl.radsecAddress(), revoked, freeradiusCrl::log, "certificate revoked");
    }

    @Test
    void freeradiusWithoutRequireClientCertAnswersClientWithoutCertificate() throws Exception {
        answersEveryKindOfRequest(freeradiusOptionalCert.radsecAddress(), null, false, freeradiusOptionalCert::log,
                "TLSv1.3");
    }

    // ---- radsecproxy ----

    /** Each radsecproxy with the FreeRADIUS it proxies to; the one checking CRLs gets a valid client certificate. */
    Stream<Arguments> proxiesToFreeradius() {
        return Stream.of(Arguments.of("plain", proxy, freeradius),
                Arguments.of("with CRL check", proxyCrl, freeradiusCrl));
    }

    // The peers serve the whole class: JUnit must not close them after the invocation.
    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("proxiesToFreeradius")
    void radsecproxyProxiesToFreeradius(String which, RadsecproxyProcess through, FreeRadiusProcess upstream)
            throws Exception {
        answersEveryKindOfRequest(through.address(), () -> through.log() + "\n" + upstream.log(), "TLSv1.3");
    }

    @Test
    void radsecproxyRefusesClientWithoutCertificate() throws Exception {
        refuses(proxy.address(), null, proxy::log, "peer did not return a certificate");
    }

    @Test
    void radsecproxyWithCrlCheckRefusesRevokedClient() throws Exception {
        refuses(proxyCrl.address(), revoked, proxyCrl::log, "certificate revoked");
    }
}
