package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.testing.MetatypeKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys the web console offers for relays and the incoming listener are the keys they read. */
class ConfigurationKeysTest {

    @Test
    void relayKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("destinations", "1", "secret", "nas-secret"));
        new RelaySettings(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.relay"), p.asked());
    }

    @Test
    void incomingKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("accept", "false"));
        new IncomingConfiguration(null).apply(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.incoming"), p.asked());
    }

    @Test
    void aRelayIsNamedByItsAliasOrItsFileUnlessItHasAName() throws Exception {
        assertEquals("branch", relay("felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.relay-branch.cfg").name);
        assertEquals("campus", relay("service.pid", "dev.radsec.relay~campus").name);
        assertEquals("edge", relay("org.apache.karaf.features.configKey", "dev.radsec.relay-edge").name);
        assertEquals("explicit", relay("name", "explicit").name);
        assertEquals("default", relay("service.pid", "dev.radsec.relay.6f1c0b7e-0d61-4a8e-9a57-1f2b3c4d5e6f").name);
    }

    private static RelaySettings relay(String key, String value) throws Exception {
        return new RelaySettings(Map.of("destinations", "1", "secret", "nas-secret", key, value));
    }
}
