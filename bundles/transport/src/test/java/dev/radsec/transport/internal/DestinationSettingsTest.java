package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RequireMessageAuth;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The destination keys, their defaults and ranges, as an operator's cfg file gives them (all strings). */
class DestinationSettingsTest {

    private static Map<String, Object> radsec(String... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "radius.example.org", "tls-certificate", "me"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static InvalidConfigurationException rejected(Map<String, Object> p) {
        return assertThrows(InvalidConfigurationException.class, () -> DestinationSettings.parse(p));
    }

    @Test
    void radsecDefaults() throws Exception {
        DestinationSettings s = DestinationSettings.parse(radsec());
        assertEquals(DestinationSettings.Protocol.RADSEC, s.protocol);
        assertEquals(2083, s.port);
        assertEquals("radsec", s.secret());
        assertEquals(Duration.ofSeconds(120), s.idReuseTimeout);
        assertEquals(100, s.maxTxBuffers);
        assertEquals("default", s.tlsTrust);
        assertEquals("TLSv1.2", s.tlsMinVersion);
        assertEquals("radius.example.org", s.tlsPeerName, "peer name defaults to the address");
        assertEquals(Duration.ofSeconds(5), s.tlsTimeout);
        assertEquals(Duration.ofSeconds(5), s.timeout);
        assertEquals(RequireMessageAuth.FALSE, s.requireMessageAuth, "TLS protects the answer (RFC 6614)");
        assertFalse(s.dynamicRequests);
        assertTrue(s.toString().endsWith("secret ******)"), "no secret in text: " + s);
    }

    @Test
    void udpDefaultsAndItsRequiredSecret() throws Exception {
        assertEquals("secret", rejected(radsec("protocol", "udp")).key());
        DestinationSettings s = DestinationSettings.parse(radsec("protocol", "udp", "secret", "s3cret-value"));
        assertEquals(1812, s.port);
        assertEquals(1813, s.accountingPort);
        assertEquals(Duration.ofSeconds(3), s.timeout);
        assertEquals(RequireMessageAuth.AUTO, s.requireMessageAuth, "FreeRADIUS 3.2.5's BlastRADIUS default");
        assertFalse(s.toString().contains("s3cret"));
    }

    @Test
    void anExplicitRequireMessageAuthIsHonouredOnEitherProtocol() throws Exception {
        assertEquals(RequireMessageAuth.TRUE, DestinationSettings.parse(radsec("require-message-auth", "true")).requireMessageAuth);
        assertEquals(RequireMessageAuth.AUTO, DestinationSettings.parse(radsec("require-message-auth", "auto")).requireMessageAuth);
        assertEquals(RequireMessageAuth.FALSE, DestinationSettings.parse(radsec("protocol", "udp", "secret", "s3cret-value",
                "require-message-auth", "false")).requireMessageAuth);
        InvalidConfigurationException e = rejected(radsec("require-message-auth", "yes"));
        assertTrue(e.getMessage().contains("true, false, auto"), e.getMessage());
        assertEquals("auto", DestinationSettings.parse(radsec("protocol", "udp", "secret", "s3cret-value"))
                .effective().get("require-message-auth"));
    }

    @Test
    void everyRangeIsEnforcedWithItsKey() {
        assertEquals("id", rejected(radsec("id", "0")).key());
        assertEquals("id", rejected(radsec("id", "65536")).key());
        assertTrue(rejected(radsec("id", "65536")).getMessage().contains("1-65535"));
        assertEquals("id-reuse-timeout", rejected(radsec("id-reuse-timeout", "59")).key());
        assertEquals("max-tx-buffers", rejected(radsec("max-tx-buffers", "3201")).key());
        assertEquals("tls-timeout", rejected(radsec("tls-timeout", "2")).key());
        assertEquals("port", rejected(radsec("port", "x")).key());
        assertEquals("protocol", rejected(radsec("protocol", "tcp")).key());
        assertEquals("source-address", rejected(radsec("source-address", "my-host")).key());
        assertEquals("require-message-auth", rejected(radsec("require-message-auth", "yes")).key());
        assertEquals("tls-certificate", rejected(new HashMap<>(Map.of("id", "1", "address", "a"))).key());
        assertEquals("address", rejected(new HashMap<>(Map.of("id", "1"))).key());
    }

    @Test
    void tlsOlderThan12IsRefusedWithTheReason() {
        InvalidConfigurationException e = rejected(radsec("tls-min-version", "v1.1"));
        assertEquals("tls-min-version", e.key());
        assertTrue(e.getMessage().contains("RFC 9325"), e.getMessage());
    }

    @Test
    void reconnectIsNeededOnlyForConnectionSettings() throws Exception {
        DestinationSettings a = DestinationSettings.parse(radsec());
        assertFalse(DestinationSettings.parse(radsec("timeout", "9")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("address", "other.example.org")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("tls-certificate", "other")).needsReconnect(a));
    }
}
