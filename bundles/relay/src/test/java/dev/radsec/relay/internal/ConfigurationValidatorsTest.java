package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.internal.RadiusServerService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay bundle's validators refuse what its components would refuse, with the key and the reason, before
 * anything is stored; the server's own rules for listeners apply to the ports a relay would open.
 */
class ConfigurationValidatorsTest {
    /** The transport's validation of listener specs; it opens nothing. */
    private final RadiusServerService server = new RadiusServerService(null);
    private final RelayConfigurationValidator relay = new RelayConfigurationValidator(server);
    private final IncomingConfigurationValidator incoming = new IncomingConfigurationValidator(server);

    @Test
    void aGoodRelayPasses() throws Exception {
        relay.validate(Map.of("secret", "nas-secret", "destinations", "1, 2", ConfigurationValidator.NAME, "branch"));
        relay.validate(Map.of("protocol", "radsec", "tls-certificate", "server", "clients", "10.0.0.0/8",
                "destinations", "1"));
    }

    @Test
    void aBadRelayIsRefusedWithItsKey() {
        assertEquals("auth-port", refused(relay, Map.of("secret", "s", "destinations", "1", "auth-port", "70000")).key());
        assertEquals("tls-certificate", refused(relay, Map.of("protocol", "radsec", "destinations", "1")).key());
        assertEquals("protocol", refused(relay, Map.of("protocol", "tcp")).key());
        // the client networks are the listener's to check: the relay's ports are validated as the server opens them
        InvalidConfigurationException clients = refused(relay,
                Map.of("secret", "s", "destinations", "1", "clients", "10.0.0.0/33"));
        assertEquals("clients", clients.key(), clients.getMessage());
    }

    @Test
    void theNameBecomesThePidsAliasAsKarafNamesAFactoryInstance() throws Exception {
        Map<String, Object> named = RelayConfigurationValidator.named("dev.radsec.relay",
                Map.of(ConfigurationValidator.NAME, "branch", "secret", "s", "destinations", "1"));
        assertEquals("dev.radsec.relay~branch", named.get("service.pid"));
        assertFalse(named.containsKey(ConfigurationValidator.NAME));
        assertEquals("branch", new RelaySettings(named).name);
        assertEquals("explicit", new RelaySettings(RelayConfigurationValidator.named("dev.radsec.relay",
                Map.of(ConfigurationValidator.NAME, "branch", "name", "explicit", "secret", "s",
                        "destinations", "1"))).name);
    }

    @Test
    void incomingIsCheckedAsItsComponentAppliesIt() throws Exception {
        incoming.validate(Map.of("accept", "true", "port", "3799", "clients", "127.0.0.1/32", "secret", "coa-secret"));
        incoming.validate(Map.of("accept", "false"));
        assertEquals("port", refused(incoming, Map.of("accept", "true", "port", "65536")).key());
        assertEquals("accept", refused(incoming, Map.of("accept", "maybe")).key());
        InvalidConfigurationException clients = refused(incoming,
                Map.of("accept", "true", "clients", "not-a-network", "secret", "s"));
        assertEquals("clients", clients.key(), clients.getMessage());
        assertTrue(clients.getMessage().startsWith("clients: "), clients.getMessage());
    }

    private static InvalidConfigurationException refused(ConfigurationValidator v, Map<String, ?> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> v.validate(properties));
    }
}
