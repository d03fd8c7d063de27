package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transport's validators refuse what its destinations and listeners would, with the key and the reason. */
class ConfigurationValidatorsTest {
    private final DestinationConfigurationValidator destinations = new DestinationConfigurationValidator();
    private final ListenerConfigurationValidator listeners = new ListenerConfigurationValidator();

    @Test
    void destinationsAreCheckedAsTheDestinationServiceParsesThem() throws Exception {
        destinations.validate(Map.of("id", "7", "address", "192.0.2.7", "tls-certificate", "client"));
        assertEquals("id", refused(destinations, Map.of("address", "192.0.2.7", "tls-certificate", "client")).key());
        assertEquals("retries", refused(destinations,
                Map.of("id", "7", "address", "192.0.2.7", "tls-certificate", "client", "retries", "11")).key());
        InvalidConfigurationException psk = refused(destinations, Map.of("id", "7", "address", "192.0.2.7",
                "tls-certificate", "client", "tls-psk", "branch"));
        assertTrue(psk.getMessage().contains("tls-"), psk.getMessage());
    }

    @Test
    void aListenerIsNamedByTheInstanceNameItIsWrittenUnder() throws Exception {
        Map<String, String> radsec = Map.of("tls-certificate", "server", "port", "2084");
        assertEquals("name", refused(listeners, radsec).key(), "no name key and no instance name");
        listeners.validate(Map.of("tls-certificate", "server", ConfigurationValidator.NAME, "aps"));
        listeners.validate(Map.of("tls-certificate", "server", "name", "aps"));
    }

    @Test
    void aBadListenerIsRefusedWithItsKey() {
        assertEquals("tls-certificate", refused(listeners, Map.of(ConfigurationValidator.NAME, "aps")).key());
        assertEquals("tls-min-version", refused(listeners, Map.of(ConfigurationValidator.NAME, "aps",
                "protocol", "dtls", "tls-certificate", "server", "tls-min-version", "v1.3")).key());
        assertEquals("port", refused(listeners, Map.of(ConfigurationValidator.NAME, "aps", "protocol", "udp",
                "secret", "s", "port", "-1")).key());
    }

    private static InvalidConfigurationException refused(ConfigurationValidator v, Map<String, ?> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> v.validate(properties));
    }
}
