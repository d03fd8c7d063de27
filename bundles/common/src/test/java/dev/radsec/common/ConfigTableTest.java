package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A small table in the shape of a destination's: every kind of key, derived defaults, secrets, reconnects. */
class ConfigTableTest {
    enum Mode {
        FAST, SAFE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final ConfigKey<Integer> ID = ConfigKey.number("id", 1, 65535).required().doc("Unique id.");
    static final ConfigKey<String> ADDRESS = ConfigKey.text("address").required().reconnect();
    static final ConfigKey<String> PROTOCOL = ConfigKey.choice("protocol", "radsec", "udp").defaultValue("radsec")
            .reconnect();
    static final ConfigKey<Integer> PORT = ConfigKey.number("port", 1, 65535)
            .defaultFrom(c -> "udp".equals(c.get(PROTOCOL)) ? 1812 : 2083).reconnect();
    static final ConfigKey<String> SECRET = ConfigKey.text("secret").secret().reconnect()
            .defaultFrom(c -> "udp".equals(c.get(PROTOCOL)) ? null : "radsec");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.seconds("timeout", 1, 300).defaultValue(Duration.ofSeconds(5))
            .doc("Seconds to wait.");
    static final ConfigKey<String> VERSION = ConfigKey.choice("tls-min-version", "v1.2", "v1.3").defaultValue("v1.2")
            .refusing("v1.1", "RFC 9325 requires 1.2 or later").reconnect();
    static final ConfigKey<Mode> MODE = ConfigKey.choice("mode", Mode.values()).defaultValue(Mode.SAFE);
    static final ConfigKey<Boolean> DYNAMIC = ConfigKey.flag("dynamic").defaultValue(false);
    static final ConfigKey<String> SOURCE = ConfigKey.text("source");
    static final ConfigKey<String> PEER = ConfigKey.text("peer-name").defaultFrom(c -> c.get(ADDRESS));

    static final ConfigTable TABLE = ConfigTable.of(ID, ADDRESS, PROTOCOL, PORT, SECRET, TIMEOUT, VERSION, MODE,
            DYNAMIC, SOURCE, PEER);

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("id", "7", "address", "radius.example.org"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    private static InvalidConfigurationException refused(Map<String, Object> p) {
        return assertThrows(InvalidConfigurationException.class, () -> TABLE.parse(p));
    }

    @Test
    void valuesAreTypedAndDefaultsFilledIn() throws Exception {
        Config c = TABLE.parse(props());
        assertEquals(7, c.get(ID));
        assertEquals("radius.example.org", c.get(ADDRESS));
        assertEquals(2083, c.get(PORT));
        assertEquals("radsec", c.get(SECRET));
        assertEquals(Duration.ofSeconds(5), c.get(TIMEOUT));
        assertEquals(Mode.SAFE, c.get(MODE));
        assertEquals(false, c.get(DYNAMIC));
        assertNull(c.get(SOURCE), "no value and no default");
        assertEquals("radius.example.org", c.get(PEER), "a default from an earlier key");
    }

    @Test
    void valuesComeAsACfgFileOrTheWebConsoleGivesThem() throws Exception {
        Config c = TABLE.parse(props("protocol", "UDP", "secret", " s3cret ", "timeout", 9, "dynamic", Boolean.TRUE,
                "mode", "Fast", "source", "  "));
        assertEquals("udp", c.get(PROTOCOL), "choices ignore case and keep their own spelling");
        assertEquals(1812, c.get(PORT), "the udp default");
        assertEquals("s3cret", c.get(SECRET));
        assertEquals(Duration.ofSeconds(9), c.get(TIMEOUT));
        assertEquals(true, c.get(DYNAMIC));
        assertEquals(Mode.FAST, c.get(MODE));
        assertNull(c.get(SOURCE), "blank is absent");
        assertNull(TABLE.parse(props("protocol", "udp")).get(SECRET), "a default of null is none");
    }

    @Test
    void aBadValueIsRefusedInOneFormat() {
        assertEquals("id: 0 is outside 1-65535", refused(props("id", "0")).getMessage());
        assertEquals("id: is required (1-65535)", refused(Map.of("address", "a")).getMessage());
        assertEquals("address: is required", refused(Map.of("id", "1")).getMessage());
        assertEquals("timeout: 0 is outside 1-300", refused(props("timeout", "0")).getMessage());
        assertEquals("port: 'x' is not a whole number (1-65535)", refused(props("port", "x")).getMessage());
        assertEquals("protocol: 'tcp' is none of radsec, udp", refused(props("protocol", "tcp")).getMessage());
        assertEquals("mode: 'slow' is none of fast, safe", refused(props("mode", "slow")).getMessage());
        assertEquals("dynamic: 'yes' is neither true nor false", refused(props("dynamic", "yes")).getMessage());
        InvalidConfigurationException v11 = refused(props("tls-min-version", "V1.1"));
        assertEquals("tls-min-version", v11.key());
        assertEquals("tls-min-version: 'V1.1' is refused: RFC 9325 requires 1.2 or later (v1.2, v1.3)",
                v11.getMessage());
    }

    @Test
    void theEffectiveViewHasEveryKeyInOrderAndHidesSecrets() throws Exception {
        Map<String, String> e = TABLE.parse(props("secret", "s3cret", "mode", "FAST")).effective();
        assertEquals(List.of("id", "address", "protocol", "port", "secret", "timeout", "tls-min-version", "mode",
                "dynamic", "source", "peer-name"), List.copyOf(e.keySet()));
        assertEquals("2083", e.get("port"));
        assertEquals("******", e.get("secret"));
        assertEquals("5", e.get("timeout"), "seconds as a number");
        assertEquals("fast", e.get("mode"));
        assertEquals("false", e.get("dynamic"));
        assertEquals("", e.get("source"));
        assertEquals("", TABLE.parse(props("protocol", "udp")).effective().get("secret"), "no secret: nothing to hide");
        assertFalse(TABLE.parse(props("secret", "s3cret")).toString().contains("s3cret"));
    }

    @Test
    void onlyReconnectKeysNeedAReconnect() throws Exception {
        Config a = TABLE.parse(props());
        Config slower = TABLE.parse(props("timeout", "9", "dynamic", "true"));
        assertEquals(List.of(TIMEOUT, DYNAMIC), slower.changed(a));
        assertFalse(slower.needsReconnect(a));
        assertFalse(TABLE.parse(props()).needsReconnect(a), "the same values");
        assertTrue(TABLE.parse(props("address", "b")).needsReconnect(a));
        assertTrue(TABLE.parse(props("secret", "other")).needsReconnect(a));
        assertTrue(TABLE.parse(props("port", "2084")).needsReconnect(a));
        assertFalse(TABLE.parse(props("port", "2083")).needsReconnect(a), "the default written out is no change");
    }

    @Test
    void keysOutsideTheTableAreReportedFrameworkKeysAreNot() throws Exception {
        Config c = TABLE.parse(props("timout", "9", "service.pid", "x~y", "felix.fileinstall.filename", "file:/a.cfg"));
        assertEquals(List.of("timout"), c.unknownKeys());
    }

    @Test
    void aKeyDescribesItself() {
        assertEquals(Optional.of("5"), TIMEOUT.defaultText());
        assertEquals(Optional.empty(), PORT.defaultText(), "derived, not fixed");
        assertEquals(Optional.of("false"), DYNAMIC.defaultText());
        assertEquals("1-300", TIMEOUT.allowed());
        assertEquals("radsec, udp", PROTOCOL.allowed());
        assertEquals("true, false", DYNAMIC.allowed());
        assertNull(ADDRESS.allowed());
        assertEquals(Duration.class, TIMEOUT.type());
        assertEquals(Mode.class, MODE.type());
        assertTrue(SECRET.isSecret() && SECRET.needsReconnect());
        assertFalse(TIMEOUT.needsReconnect() || TIMEOUT.isSecret() || TIMEOUT.isRequired());
        assertTrue(ID.isRequired());
        assertEquals("timeout: Seconds to wait. (1-300; default 5)", TIMEOUT.summary());
        assertEquals("id: Unique id. (1-65535; required)", ID.summary());
        assertEquals("secret: (secret, reads ******; a change reconnects)", SECRET.summary());
        assertEquals("source:", SOURCE.summary());
        assertEquals(Optional.of(PORT), TABLE.key("port"));
        assertEquals(Optional.empty(), TABLE.key("nope"));
    }

    @Test
    void misuseFailsAtOnce() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ConfigTable.of(ID, ConfigKey.text("id")));
        Config c = TABLE.parse(props());
        assertThrows(IllegalArgumentException.class, () -> c.get(ConfigKey.text("address")), "not this table's key");
        ConfigKey<Integer> early = ConfigKey.number("early", 1, 9).defaultFrom(x -> x.get(ID));
        assertThrows(IllegalStateException.class, () -> ConfigTable.of(early, ID).parse(Map.of("id", "1")),
                "a default may only use keys before it");
        assertEquals(1, ConfigTable.of(ID, early).parse(Map.of("id", "1")).get(early));
        Config other = ConfigTable.of(ID).parse(Map.of("id", "1"));
        assertThrows(IllegalArgumentException.class, () -> c.changed(other));
    }
}
