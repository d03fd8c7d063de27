package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.ConfigKey;
import dev.radsec.transport.DestinationKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The destination keys, their defaults and ranges, as an operator's cfg file gives them (all strings). */
class DestinationSettingsTest {

    private static InvalidConfigurationException rejected(Map<String, Object> p) {
        return assertThrows(InvalidConfigurationException.class, () -> DestinationSettings.parse(p));
    }

    private static Map<String, Object> radsec(String... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "radius.example.org", "tls-certificate", "me"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
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
        assertEquals("require-message-auth: 'yes' is none of true, false, auto", e.getMessage());
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
        assertEquals("timeout: 0s is outside 100ms-300s", rejected(radsec("timeout", "0")).getMessage());
        assertEquals("timeout: 99ms is outside 100ms-300s", rejected(radsec("timeout", "99ms")).getMessage());
        assertEquals("timeout: 301s is outside 100ms-300s", rejected(radsec("timeout", "301s")).getMessage());
        assertEquals("id: is required (1-65535)", rejected(new HashMap<>(Map.of("address", "a"))).getMessage());
    }

    @Test
    void tlsOlderThan12IsRefusedWithTheReason() {
        InvalidConfigurationException e = rejected(radsec("tls-min-version", "v1.1"));
        assertEquals("tls-min-version", e.key());
        assertTrue(e.getMessage().contains("RFC 9325"), e.getMessage());
        assertEquals("tls-min-version", rejected(radsec("tls-min-version", "v1.0")).key());
        assertEquals("tls-min-version", rejected(radsec("tls-min-version", "v2")).key());
    }

    @Test
    void theEffectiveConfigurationHasEveryKeyWithItsDefaultAndHidesTheSecret() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        String[] kv = {"id", "1", "address", "radius.example.org", "protocol", "radsec", "port", "2083",
            "accounting-port", "1813", "secret", "******", "id-reuse-timeout", "120", "max-tx-buffers", "100",
            "max-outstanding", "2048", "source-address", "", "tls-certificate", "me", "tls-psk", "", "tls-trust", "default",
            "tls-min-version", "v1.2", "tls-peer-name", "radius.example.org", "tls-timeout", "5", "timeout", "5",
            "retries", "3", "require-message-auth", "false", "status-server", "30", "idle-timeout", "0",
            "reconnect-demand-cap", "500ms",
            "dynamic-requests", "false", "mtu", "1400", "disabled", "false", "comment", "", "service", "login,relay",
            "called-id", "", "domain", "", "accounting-backup", "false", "rewrite-in", "", "rewrite-out", ""};
        for (int i = 0; i < kv.length; i += 2) {
            expected.put(kv[i], kv[i + 1]);
        }
        Map<String, String> effective = DestinationSettings.parse(radsec()).effective();
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(effective.entrySet()), "every key, in order");
        Map<String, String> udp = DestinationSettings.parse(radsec("protocol", "UDP", "secret", "s3cret-value",
                "tls-min-version", "V1.3", "source-address", "192.0.2.1")).effective();
        assertEquals("udp", udp.get("protocol"));
        assertEquals("1812", udp.get("port"));
        assertEquals("3", udp.get("timeout"));
        assertEquals("v1.3", udp.get("tls-min-version"));
        assertEquals("192.0.2.1", udp.get("source-address"));
        assertEquals("******", udp.get("secret"));
    }

    @Test
    void theKeyTableMatchesTheClient() throws Exception {
        int inFlight = DestinationClient.MAX_LINKS * 256;
        assertEquals("1-" + inFlight, DestinationKeys.MAX_OUTSTANDING.allowed(), "8 connections of 256 Identifiers");
        assertEquals(java.util.Optional.of(String.valueOf(inFlight)), DestinationKeys.MAX_OUTSTANDING.defaultText());
        assertEquals(List.of("address", "protocol", "port", "accounting-port", "secret", "source-address",
                "tls-certificate", "tls-psk", "tls-trust", "tls-min-version", "tls-peer-name", "tls-timeout", "mtu",
                "disabled"),
                DestinationKeys.TABLE.keys().stream().filter(ConfigKey::needsReconnect).map(ConfigKey::name)
                        .collect(Collectors.toList()), "Junos: address, secret, certificate, TLS; and disabled, which closes or opens the connection");
        assertEquals(List.of("secret"), DestinationKeys.TABLE.keys().stream().filter(ConfigKey::isSecret)
                .map(ConfigKey::name).collect(Collectors.toList()));
    }

    @Test
    void reconnectIsNeededOnlyForConnectionSettings() throws Exception {
        DestinationSettings a = DestinationSettings.parse(radsec());
        assertFalse(DestinationSettings.parse(radsec("timeout", "9")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("address", "other.example.org")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("tls-certificate", "other")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("secret", "other")).needsReconnect(a));
        assertTrue(DestinationSettings.parse(radsec("tls-min-version", "v1.3")).needsReconnect(a));
        assertFalse(DestinationSettings.parse(radsec("port", "2083", "retries", "5", "status-server", "0",
                "max-outstanding", "256", "require-message-auth", "true", "dynamic-requests", "true"))
                .needsReconnect(a), "the default written out, and settings applied on the open connection");
    }
}
