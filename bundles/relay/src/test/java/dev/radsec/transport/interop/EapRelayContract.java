package dev.radsec.transport.interop;

import dev.radsec.common.ExecutorScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.EapolTest;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wi-Fi 802.1X through our relay with real peers as shipped: eapol_test, radeapclient and radclient as the NAS ->
 * RADIUS/UDP -> our relay -> RadSec -> a real RadSec server -> FreeRADIUS 3.2.1 with Debian's stock eap module and
 * inner-tunnel site. Subclasses choose the RadSec server (FreeRADIUS itself, radsecproxy 1.9.2 in front of it, or our
 * own RadSec-to-UDP relay in front of it: {@link EapAccessPointPathTest}).
 *
 * <p>What a Wi-Fi network depends on: the EAP conversation completes (Access-Challenge rounds with State and
 * fragmented EAP-Message, then Access-Accept with EAP-Success), and the Access-Accept carries MS-MPPE-Send-Key and
 * MS-MPPE-Recv-Key encrypted for the NAS (its secret, its Request Authenticator), from which the access point
 * derives the WPA2 PMK. eapol_test checks the keys against its own derivation; keys passed on still encrypted for
 * the RadSec hop fail with "Failed to decrypt MPPE key", and a real access point would then fail the 4-way
 * handshake after a "successful" login.
 *
 * <p>Everything is configured as an operator would, with defaults: the destination has only {@code id},
 * {@code address}, {@code port} and {@code tls-certificate}; the relay only its ports, listen address, secret,
 * clients and destinations. The peers are not tuned to suit us: FreeRADIUS's reply items are its own.
 */
@Timeout(30)
abstract class EapRelayContract {
    static final String NAS_SECRET = "nas-secret-for-eap-relay";
    static final String UDP_SECRET = "udp-secret-behind-radsecproxy";
    /** bob for PEAP/MSCHAPv2, EAP-MD5 and CHAP; EAP-TLS needs no entry. No reply items of ours. */
    static final String USERS = "bob\tCleartext-Password := \"bob-pw\"\n";
    static final int DESTINATION = 1;

    @TempDir
    static Path dir;
    static TestPki pki;
    static FreeRadiusProcess freeradius;
    static ExecutorScheduler scheduler;
    static NioFileWatcher watcher;
    static CredentialRegistry credentials;
    static ExecutorScheduler timer;
    static RadiusClientImpl client;
    static RadiusServerImpl server;
    static RelayConfiguration relay;
    static InetSocketAddress relayAuth;

    /** Skips (or in CI fails) the class unless FreeRADIUS, its utilities, eapol_test and openssl are installed. */
    static void assumePeers() {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(Radclient.BINARY, Radclient.PACKAGE);
        Peers.assumeInstalled(Radclient.RADEAPCLIENT, Radclient.PACKAGE);
        Peers.assumeInstalled(EapolTest.BINARY, EapolTest.PACKAGE);
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
    }

    /**
     * The PKI, and FreeRADIUS with EAP (the PKI's server certificate; client certificates must chain to its CA),
     * a RadSec listener and its UDP ports.
     */
    static void startFreeRadius() throws Exception {
        pki = TestPki.create(dir.resolve("pki"));
        freeradius = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("freeradius")))
                .secret(UDP_SECRET)
                .users(USERS)
                .radsec(0, pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .eap(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .start();
    }

    /**
     * Our side's PKI (the client certificate and the trust store, loaded) and the timer our clients and servers
     * share. Idempotent.
     */
    static void startPkiAndTimer() throws Exception {
        if (credentials != null) {
            return;
        }
        scheduler = new ExecutorScheduler(Clock.systemUTC(), "eap-test-pki");
        watcher = new NioFileWatcher("eap-test-watch");
        credentials = new CredentialRegistry(scheduler, watcher, dir);
        credentials.certificateConfigured("cert-client", Map.of("name", "client",
                "certificate", pki.client().certificate().toString(), "private-key", pki.client().key().toString()));
        credentials.trustConfigured("trust-default", Map.of("ca", pki.caCertificate().toString()));
        // The PKI loads on its own thread; the first handshake should not race it.
        Waits.until(() -> credentials.certificate("client").isAvailable()
                && !credentials.trustAnchors("default").isEmpty(), Duration.ofSeconds(10),
                () -> "PKI ready: " + credentials.certificate("client"));
        timer = new ExecutorScheduler(Clock.systemUTC(), "eap-test-transport");
    }

    /** The NAS-facing relay: destination 1 over RadSec to {@code radsecPort}, and the relay on UDP. */
    static void startRelay(int radsecPort) throws Exception {
        startPkiAndTimer();
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        client.destinationConfigured("dest-" + DESTINATION, new HashMap<>(Map.of("id", String.valueOf(DESTINATION),
                "address", "127.0.0.1", "port", String.valueOf(radsecPort), "tls-certificate", "client")));

        server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        relay = Relays.relay(server, client);
        int authPort = FreeRadiusProcess.freeUdpPort();
        int acctPort = FreeRadiusProcess.freeUdpPort();
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.wifi", "name", "wifi",
                "listen-address", "127.0.0.1", "auth-port", String.valueOf(authPort),
                "acct-port", String.valueOf(acctPort), "secret", NAS_SECRET, "clients", "127.0.0.1/32",
                "destinations", String.valueOf(DESTINATION))));
        relayAuth = server.localAddress("relay-wifi-auth").orElseThrow(
                () -> new IllegalStateException("the relay does not listen on " + authPort + " (taken meanwhile?)"));
    }

    @AfterAll
    static void stopAll() throws Exception {
        Peers.closeAll(Relays.removal(relay), Relays.closing(server), Relays.closing(client), timer, watcher,
                scheduler, freeradius);
        // Shared by every subclass (they run one after another in one JVM): the next one starts afresh.
        relay = null;
        server = null;
        client = null;
        timer = null;
        watcher = null;
        scheduler = null;
        credentials = null;
        freeradius = null;
    }

    /** The RadSec server's log, for failure messages. */
    abstract String peerLog();

    @Test
    void eapTlsSucceedsAndTheNasCanDecryptItsMppeKeys() throws Exception {
        EapolTest.Result r = EapolTest.run(Files.createTempDirectory(dir, "eapol-tls"), EapolTest.tls("client",
                pki.caCertificate(), pki.client().certificate(), pki.client().key()), relayAuth, NAS_SECRET);
        assertEapSucceededWithMppeKeysForTheNas(r);
    }

    @Test
    void peapMschapv2SucceedsAndTheNasCanDecryptItsMppeKeys() throws Exception {
        EapolTest.Result r = EapolTest.run(Files.createTempDirectory(dir, "eapol-peap"),
                EapolTest.peapMschapv2("bob", "bob-pw", pki.caCertificate()), relayAuth, NAS_SECRET);
        assertEapSucceededWithMppeKeysForTheNas(r);
    }

    @Test
    void eapMd5IsChallengedThenAccepted() throws Exception {
        Radclient.Result r = Radclient.startEap(Files.createTempDirectory(dir, "radeapclient"), relayAuth,
                NAS_SECRET, String.join(",\n", "User-Name = \"bob\"", "Cleartext-Password = \"bob-pw\"",
                        "EAP-Code = Response", "EAP-Id = 1", "EAP-Type-Identity = \"bob\"",
                        "Message-Authenticator = 0x00"))
                .await(Duration.ofSeconds(20));
        assertTrue(r.output().contains("Received Access-Challenge"), r + "\n" + peerLog());
        assertTrue(r.output().contains("Received Access-Accept"), r + "\n" + peerLog());
        assertEquals(0, r.exitCode(), r.toString());
    }

    /**
     * Not EAP, but the same NAS and relay: FreeRADIUS 3.2.1 answers CHAP (and PAP) with an Access-Accept without
     * Message-Authenticator (only answers to EAP carry one), and radsecproxy 1.9.2 passes it on as it is.
     */
    @Test
    void chapIsAccepted() throws Exception {
        // radclient computes CHAP-Password from the clear text, with its Request Authenticator as the challenge.
        Radclient.Result r = Radclient.start(Files.createTempDirectory(dir, "radclient"), relayAuth, "auth",
                NAS_SECRET, String.join(",\n", "User-Name = \"bob\"", "CHAP-Password = \"bob-pw\"",
                        "Message-Authenticator = 0x00"))
                .await(Duration.ofSeconds(20));
        assertTrue(r.output().contains("Received Access-Accept"), r + "\n" + peerLog());
        assertEquals(0, r.exitCode(), r.toString());
    }

    /**
     * EAP completed (EAP-Success in an Access-Accept) and the MPPE keys decrypted with the NAS's secret and Request
     * Authenticator equal eapol_test's own; then, and only then, eapol_test exits 0.
     */
    private void assertEapSucceededWithMppeKeysForTheNas(EapolTest.Result r) {
        assertTrue(r.eapSuccess(), "EAP-Success expected: " + r + "\n" + peerLog());
        assertTrue(r.accessAccept(), "Access-Accept expected: " + r);
        assertTrue(r.mppeKeysOk(), r.method() + " completed, but the NAS cannot use the MPPE keys: " + r.mppeLine()
                + (r.mppeDecryptFailed()
                        ? " (\"" + EapolTest.MPPE_DECRYPT_FAILED + "\": not encrypted for the NAS's secret and"
                        + " Request Authenticator)" : "")
                + "\n" + r);
        assertEquals(0, r.exitCode(), r.toString());
    }
}
