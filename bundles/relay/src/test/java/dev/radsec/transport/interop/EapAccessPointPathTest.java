package dev.radsec.transport.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Wi-Fi 802.1X on the access-point path, RadSec in and UDP out: eapol_test as the NAS -> RADIUS/UDP -> an edge
 * relay of ours (standing in for an access point that speaks RadSec, e.g. Meraki MR) -> RadSec -> the relay under
 * test ({@code protocol = radsec}) -> RADIUS/UDP -> FreeRADIUS 3.2.1's UDP auth port, with Debian's stock eap module
 * and inner-tunnel site. The MPPE keys are re-encrypted at both of our hops (FreeRADIUS's UDP secret to
 * {@code radsec}, then {@code radsec} to the NAS secret), and eapol_test checks them against its own derivation.
 *
 * <p>Both relays run with defaults, in this JVM, each with a server and client of its own: the relay under test has
 * only {@code protocol}, {@code port}, {@code tls-certificate} and {@code destinations}; its UDP destination only
 * {@code id}, {@code address}, {@code protocol}, {@code port} and {@code secret}. Neither sets
 * {@code require-message-auth}.
 */
class EapAccessPointPathTest extends EapRelayContract {
    static final int UDP_DESTINATION = 2;
    static RadiusClientImpl accessPointClient;
    static RadiusServerImpl accessPointServer;
    static RelayConfiguration accessPointRelay;

    @BeforeAll
    static void start() throws Exception {
        assumePeers();
        startFreeRadius();
        startPkiAndTimer();
        InetSocketAddress radsecIn = startAccessPointRelay();
        startRelay(radsecIn.getPort());
    }

    /** The relay under test: RadSec from access points on a free port, to FreeRADIUS's UDP auth port. */
    static InetSocketAddress startAccessPointRelay() throws Exception {
        credentials.certificateConfigured("cert-server", Map.of("name", "server",
                "certificate", pki.server().certificate().toString(), "private-key", pki.server().key().toString()));
        Waits.until(() -> credentials.certificate("server").isAvailable(), Duration.ofSeconds(10),
                () -> "server certificate: " + credentials.certificate("server"));

        accessPointClient = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        accessPointClient.destinationConfigured("dest-" + UDP_DESTINATION, new HashMap<>(Map.of(
                "id", String.valueOf(UDP_DESTINATION), "address", "127.0.0.1", "protocol", "udp",
                "port", String.valueOf(freeradius.authPort()), "secret", UDP_SECRET)));

        accessPointServer = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        accessPointRelay = Relays.relay(accessPointServer, accessPointClient);
        accessPointRelay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.ap", "name", "ap",
                "protocol", "radsec", "port", "0", "tls-certificate", "server",
                "destinations", String.valueOf(UDP_DESTINATION))));
        return accessPointServer.localAddress("relay-ap-radsec").orElseThrow(
                () -> new IllegalStateException("the relay under test does not listen for RadSec"));
    }

    /** Runs before the contract's {@code stopAll}, which closes the timer and PKI these use. */
    @AfterAll
    static void stopAccessPointRelay() throws Exception {
        Peers.closeAll(Relays.removal(accessPointRelay), Relays.closing(accessPointServer),
                Relays.closing(accessPointClient));
    }

    @Override
    String peerLog() {
        return freeradius.log();
    }
}
