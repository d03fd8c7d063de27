package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static InvalidConfigurationException refused(org.junit.jupiter.api.function.Executable read) {
        return assertThrows(InvalidConfigurationException.class, read);
    }

    @Test
    void valuesComeAsACfgFileOrTheWebConsoleGivesThem() throws Exception {
        ConfigReader r = new ConfigReader(Map.of("port", "2083", "retries", 3, "on", Boolean.TRUE, "off", "FALSE",
                "blank", "  ", "list", "a, b,,a", "array", new String[] {"x", "y, z"}));
        assertEquals(2083, r.number("port", 1, 1, 65535));
        assertEquals(3, r.number("retries", 0, 0, 10));
        assertEquals(7, r.number("absent", 7, 0, 10));
        assertEquals("dflt", r.string("blank", "dflt"));
        assertEquals(true, r.bool("on", false));
        assertEquals(false, r.bool("off", true));
        assertEquals(List.of("a", "b"), r.list("list"));
        assertEquals(List.of("x", "y", "z"), r.list("array"));
    }

    @Test
    void aBadValueIsRefusedInOneFormatNamingKeyValueAndWhatIsAllowed() {
        ConfigReader r = new ConfigReader(Map.of("port", "x", "id", "0", "flag", "yes", "mode", "fast"));
        assertEquals("port: 'x' is not a whole number (1-65535)",
                refused(() -> r.number("port", 1, 1, 65535)).getMessage());
        InvalidConfigurationException outside = refused(() -> r.requiredNumber("id", 1, 65535));
        assertEquals("id", outside.key());
        assertEquals("id: 0 is outside 1-65535", outside.getMessage());
        assertEquals("flag: 'yes' is neither true nor false", refused(() -> r.bool("flag", false)).getMessage());
        assertEquals("name: is required", refused(() -> r.required("name")).getMessage());
        assertEquals("mode: 'fast' is none of slow, safe", refused(() -> r.choice("mode", null, s -> {
            throw new IllegalArgumentException("'" + s + "' is none of slow, safe");
        })).getMessage());
    }

    @Test
    void keysNothingReadAreNamedAndAliasesCountAsRead() throws Exception {
        ConfigReader r = new ConfigReader(Map.of("nas_port", "42", "read-timout", "9", "service.pid", "x"))
                .alias("nas_port", "nas-port");
        assertEquals(42, r.number("nas-port", 10, 0, 65535));
        assertEquals(List.of("read-timout"), r.unknownKeys());
    }

    @Test
    void aFactoryInstanceIsNamedAsKarafNamesIt() {
        assertEquals("branch", new ConfigReader(Map.of("felix.fileinstall.filename",
                "file:/opt/karaf/etc/dev.radsec.relay-branch.cfg")).instanceName("dev.radsec.relay", "default"));
        assertEquals("campus", new ConfigReader(Map.of("service.pid", "dev.radsec.relay~campus"))
                .instanceName("dev.radsec.relay", "default"));
        assertEquals("edge", new ConfigReader(Map.of("org.apache.karaf.features.configKey", "dev.radsec.relay-edge"))
                .instanceName("dev.radsec.relay", "default"));
        assertEquals("mine", new ConfigReader(Map.of("name", "mine", "service.pid", "dev.radsec.relay~campus"))
                .instanceName("dev.radsec.relay", "default"));
        assertEquals("default", new ConfigReader(Map.of("service.pid", "dev.radsec.relay.3f2a"))
                .instanceName("dev.radsec.relay", "default"));
    }
}
