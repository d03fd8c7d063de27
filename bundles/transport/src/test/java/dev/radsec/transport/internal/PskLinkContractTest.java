package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKey.TlsVersion;
import dev.radsec.transport.RadiusDictionary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The link contract over TLS-PSK: a destination with {@code tls-psk} to our listener that takes certificates and
 * pre-shared keys on one port (TLS 1.3 key by default), on loopback sockets. Refused: a key the listener does not
 * have. And the rules of the keys: a 1.2 key and a 1.3 key on one listener, certificate clients beside PSK ones, a
 * rotated key used by the next connection.
 */
class PskLinkContractTest extends LinkContractTest {
    private static final byte[] KEY_13 = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef0123456789abcdef");
    private static final byte[] KEY_12 = HexFormat.of().parseHex("fedcba9876543210fedcba9876543210");
    @TempDir
    static Path dir;
    static InProcessPki pki;
    static MapPreSharedKeys psks;
    static ExecutorScheduler timer;
    static IoProcessor<NioSession> processors;
    static RequestDispatcher dispatcher;
    static Link.Acceptor listener;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        pki = new InProcessPki(dir);
        psks = new MapPreSharedKeys()
                .put(new PreSharedKey("ap-13", "ap-13@site", TlsVersion.TLS_1_3, KEY_13))
                .put(new PreSharedKey("ap-12", "ap-12@site", TlsVersion.TLS_1_2, KEY_12));
        timer = new ExecutorScheduler(Clock.systemUTC(), "psk-link-contract");
        processors = new SimpleIoProcessorPool<>(NioProcessor.class);
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "psk", "port", "0",
                "tls-certificate", "server", "tls-psk", "ap-13, ap-12", "clients", "127.0.0.1/32 " + SECRET));
        dispatcher = new RequestDispatcher(settings, RadiusDictionary.of(DICTIONARY), timer, name -> ACCEPT_ALL);
        listener = AcceptedLinks.listen(new RadsecLinkAcceptor(settings, pki.credentials, psks, timer, processors),
                settings, dispatcher);
    }

    @AfterAll
    static void stop() {
        listener.close();
        dispatcher.close();
        processors.dispose();
        timer.close();
        pki.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private Link openWith(Link.Listener events, String... keysAndValues) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1",
                "port", String.valueOf(listener.localAddress().getPort()), "tls-timeout", "3"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        RadsecLinkFactory f = new RadsecLinkFactory(DestinationSettings.parse(p), pki.credentials, psks, timer,
                processors);
        closeAfter.add(f);
        return f.open(events);
    }

    @Override
    Link open(Link.Listener events) throws Exception {
        return openWith(events, "tls-psk", "ap-13");
    }

    /** The same identity with another key: the handshake fails on both ends. */
    @Override
    Link openRefused(Link.Listener events) throws Exception {
        psks.put(new PreSharedKey("wrong", "ap-13@site", TlsVersion.TLS_1_3,
                HexFormat.of().parseHex("00000000000000000000000000000001")));
        return openWith(events, "tls-psk", "wrong");
    }

    @Override
    Duration settle() {
        return Duration.ofMillis(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap-13", "ap-12"})
    void eachKeyComesUpOnItsOwnVersionWithItsIdentityAndNoCertificate(String name) throws Exception {
        LinkEvents events = new LinkEvents();
        openWith(events, "tls-psk", name);
        events.awaitUp();
        LinkInfo info = events.info;
        assertEquals(name.equals("ap-13") ? "TLSv1.3" : "TLSv1.2", info.tlsVersion);
        assertEquals(name.equals("ap-13") ? "TLS_AES_128_GCM_SHA256" : "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
                info.cipherSuite);
        assertEquals(name + "@site", info.pskIdentity);
        assertNull(info.peerChain);
        assertEquals("psk:" + name + "@site", info.peerSubject());
    }

    @Test
    void aCertificateClientIsServedOnTheSamePort() throws Exception {
        LinkEvents events = new LinkEvents();
        openWith(events, "tls-certificate", "client", "tls-peer-name", "localhost");
        events.awaitUp();
        assertTrue(events.info.peerChain.length > 0, "the server's certificate");
        assertNull(events.info.pskIdentity);
    }

    @Test
    void aRotatedKeyIsUsedByTheNextConnection() throws Exception {
        byte[] rotated = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0");
        psks.put(new PreSharedKey("rot", "rot@site", TlsVersion.TLS_1_3, KEY_13));
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "rot", "port", "0", "tls-psk", "rot",
                "clients", "127.0.0.1/32 " + SECRET));
        RadsecLinkAcceptor acceptor = new RadsecLinkAcceptor(settings, pki.credentials, psks, timer, processors);
        acceptor.bind(new LinkEvents());
        closeAfter.add(acceptor::close);
        Map<String, Object> p = new HashMap<>(Map.of("id", "2", "address", "127.0.0.1",
                "port", String.valueOf(acceptor.localAddress().getPort()), "tls-timeout", "3", "tls-psk", "rot"));
        RadsecLinkFactory f = new RadsecLinkFactory(DestinationSettings.parse(p), pki.credentials, psks, timer, processors);
        closeAfter.add(f);
        LinkEvents first = new LinkEvents();
        Link link = f.open(first);
        first.awaitUp();
        link.close("done");

        psks.put(new PreSharedKey("rot", "rot@site", TlsVersion.TLS_1_3, rotated)); // both ends read the new key
        LinkEvents second = new LinkEvents();
        f.open(second);
        second.awaitUp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void anUnknownIdentityIsRefusedAndCountedAsTlsRefused(String version) throws Exception {
        psks.put(new PreSharedKey("stranger-" + version, "stranger@elsewhere",
                version.equals("1.3") ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2, KEY_12));
        long before = dispatcher.counters.tlsRefused.sum();
        LinkEvents events = new LinkEvents();
        openWith(events, "tls-psk", "stranger-" + version);
        events.awaitDown();
        events.assertOnlyDown(settle());
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // at least this one: a refused connection of another test on the shared listener may be counted meanwhile
        while (dispatcher.counters.tlsRefused.sum() <= before) {
            assertTrue(System.nanoTime() < end, "tls-refused counted");
            Thread.sleep(20);
        }
    }

    @Test
    void oneKeyIsNeverUsedForBothDirections() throws Exception {
        PskDirections directions = new PskDirections();
        directions.claim("dev.radsec.destination.a", PskDirections.Direction.OUTGOING, List.of("site"));
        directions.claim("dev.radsec.destination.b", PskDirections.Direction.OUTGOING, List.of("site"));
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> directions.claim("dev.radsec.listener.x",
                        PskDirections.Direction.INCOMING, List.of("other", "site")));
        assertEquals("tls-psk", e.key());
        assertTrue(e.getMessage().contains("'site' is used for outgoing connections by dev.radsec.destination."),
                e.getMessage());
        directions.release("dev.radsec.destination.a");
        directions.claim("dev.radsec.destination.b", PskDirections.Direction.OUTGOING, List.of()); // b moved off it
        directions.claim("dev.radsec.listener.x", PskDirections.Direction.INCOMING, List.of("other", "site"));
    }

    @Test
    void aKeyEqualToTheRadiusSecretIsNeverUsed() throws Exception {
        byte[] text = "sixteen-octets!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        psks.put(new PreSharedKey("as-secret", "as-secret@site", TlsVersion.TLS_1_3, text));
        LinkEvents events = new LinkEvents();
        openWith(events, "tls-psk", "as-secret", "secret", "sixteen-octets!!");
        events.awaitDown();
        assertTrue(events.events().toString().contains("equals the destination's RADIUS secret"), events.events()::toString);
    }

    @Test
    void aKeyEqualToASecretOfAnotherConfigurationIsNeverUsed() throws Exception {
        byte[] text = "another-secret-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        psks.put(new PreSharedKey("as-other", "as-other@site", TlsVersion.TLS_1_3, text));
        ConfiguredSecrets secrets = new ConfiguredSecrets();
        secrets.put("dev.radsec.destination.udp-9", List.of("another-secret-1"));
        Map<String, Object> p = new HashMap<>(Map.of("id", "4", "address", "127.0.0.1",
                "port", String.valueOf(listener.localAddress().getPort()), "tls-timeout", "3", "tls-psk", "as-other"));
        RadsecLinkFactory f = new RadsecLinkFactory(DestinationSettings.parse(p), pki.credentials, psks, secrets, timer,
                processors);
        closeAfter.add(f);
        LinkEvents events = new LinkEvents();
        f.open(events);
        events.awaitDown();
        assertTrue(events.events().toString().contains("equals a RADIUS secret configured elsewhere"),
                events.events()::toString);
    }

    @Test
    void aDestinationWithBothACertificateAndAKeyIsRefused() {
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> DestinationSettings.parse(Map.of("id", "3",
                        "address", "127.0.0.1", "tls-certificate", "client", "tls-psk", "ap-13")));
        assertEquals("tls-psk", e.key());
    }
}
