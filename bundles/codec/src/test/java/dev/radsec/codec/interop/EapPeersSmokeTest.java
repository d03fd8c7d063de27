package dev.radsec.codec.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the 802.1X fixtures, with no relay in between: {@link FreeRadiusProcess.Builder#eap} (the stock
 * eap module and inner-tunnel site) answers eapol_test's EAP-TLS and PEAP/MSCHAPv2 and radeapclient's EAP-MD5 on its
 * UDP port, and eapol_test finds the MPPE keys it was sent equal to its own. This is the baseline the relay tests
 * hold our relay to: the same runs, one hop further away, must end the same.
 *
 * <p>Skipped where the peers are not installed; failed in CI (env {@code CI} set) when they are missing.
 */
@Timeout(60)
class EapPeersSmokeTest {
    private static final String USERS = "bob\tCleartext-Password := \"bob-pw\"\n";

    @TempDir
    static Path dir;
    static TestPki pki;
    static FreeRadiusProcess freeradius;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(EapolTest.BINARY, EapolTest.PACKAGE);
        Peers.assumeInstalled(Radclient.RADEAPCLIENT, Radclient.PACKAGE);
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        pki = TestPki.create(dir.resolve("pki"));
        freeradius = FreeRadiusProcess.builder(dir)
                .users(USERS)
                .eap(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .start();
    }

    @AfterAll
    static void stop() {
        if (freeradius != null) {
            freeradius.close();
        }
    }

    @Test
    void eapTlsSucceedsWithMatchingMppeKeys() throws Exception {
        succeedsWithMatchingMppeKeys(EapolTest.tls("client", pki.caCertificate(), pki.client().certificate(),
                pki.client().key()));
    }

    @Test
    void peapMschapv2SucceedsWithMatchingMppeKeys() throws Exception {
        succeedsWithMatchingMppeKeys(EapolTest.peapMschapv2("bob", "bob-pw", pki.caCertificate()));
    }

    /** eapol_test on {@code network} gets EAP-Success in an Access-Accept, finds the MPPE keys its own, exits 0. */
    private static void succeedsWithMatchingMppeKeys(EapolTest.Network network) throws Exception {
        EapolTest.Result r = EapolTest.run(dir, network, freeradius.authAddress(), freeradius.secret());
        assertTrue(r.eapSuccess() && r.accessAccept(), r + "\n" + freeradius.log());
        assertTrue(r.mppeKeysOk(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void eapMd5IsAccepted() throws Exception {
        Radclient.Result r = Radclient.startEap(Files.createTempDirectory(dir, "radeapclient"),
                freeradius.authAddress(), freeradius.secret(), String.join(",\n", "User-Name = \"bob\"",
                        "Cleartext-Password = \"bob-pw\"", "EAP-Code = Response", "EAP-Id = 1",
                        "EAP-Type-Identity = \"bob\"", "Message-Authenticator = 0x00"))
                .await(Duration.ofSeconds(20));
        assertTrue(r.output().contains("Received Access-Challenge"), r + "\n" + freeradius.log());
        assertTrue(r.output().contains("Received Access-Accept"), r + "\n" + freeradius.log());
        assertEquals(0, r.exitCode(), r.toString());
    }
}
