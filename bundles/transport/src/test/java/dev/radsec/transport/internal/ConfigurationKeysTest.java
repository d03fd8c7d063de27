package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.testing.MetatypeKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key the web console offers (the generated metatype) is a key the component reads, and the other way
 * round; a key nothing reads is reported, so a typo in etc/ does not fail silently.
 */
class ConfigurationKeysTest {

    @Test
    void destinationKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("id", "1", "address", "a", "tls-certificate", "c"));
        DestinationSettings.parse(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.destination"), p.asked());
    }

    @Test
    void listenerKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("name", "l", "tls-certificate", "c"));
        ListenerSettings.parse(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.listener"), p.asked());
    }


    @Test
    void keysNothingReadsAreReportedAndFrameworkKeysAreNot() throws Exception {
        DestinationSettings s = DestinationSettings.parse(Map.of("id", "1", "address", "a", "tls-certificate", "c",
                "tls-timout", "9", "service.pid", "dev.radsec.destination~a",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.destination-a.cfg"));
        assertEquals(List.of("tls-timout"), s.unknownKeys);
    }

    @Test
    void aListenerIsNamedByItsFileUnlessItHasAName() throws Exception {
        assertEquals("server", ListenerSettings.parse(Map.of("tls-certificate", "c",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.listener-server.cfg")).name);
        assertEquals("name", assertThrowsInvalid(Map.of("tls-certificate", "c")).key());
    }

    private static InvalidConfigurationException assertThrowsInvalid(Map<String, Object> p) {
        return org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigurationException.class,
                () -> ListenerSettings.parse(p));
    }
}
