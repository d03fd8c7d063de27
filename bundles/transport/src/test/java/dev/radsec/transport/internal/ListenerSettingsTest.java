package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.radsec.common.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listener's tls-timeout: how long a client has to complete its TLS handshake. */
class ListenerSettingsTest {

    private static ListenerSettings parse(String... keyValues) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("name", "l", "tls-certificate", "server"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return ListenerSettings.parse(p);
    }

    @Test
    void tlsTimeoutIsFiveSecondsUnlessConfigured() throws Exception {
        assertEquals(Duration.ofSeconds(5), parse().tlsTimeout);
        assertEquals(Duration.ofSeconds(3), parse("tls-timeout", "3").tlsTimeout);
        assertEquals(Duration.ofSeconds(90), parse("tls-timeout", "90").tlsTimeout);
    }

    @Test
    void tlsTimeoutOutside3To90IsRefused() {
        for (String v : new String[] {"2", "91", "soon"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> parse("tls-timeout", v));
            assertEquals("tls-timeout", e.key(), v);
        }
    }
}
