package dev.radsec.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validators management's writer uses: {@code dev.radsec.auth} refused as the login service refuses it, with the
 * same message; a {@code dev.radsec.auth.user} mapping without a username.
 */
class AuthConfigurationValidatorTest {
    private final AuthConfigurationValidator validator =
            new AuthConfigurationValidator(RadiusDictionary.of(Dictionary.standard()));

    @Test
    void refusesWhatTheServiceRefusesWithTheSameMessage() throws Exception {
        for (Map<String, String> bad : List.of(Map.<String, String>of(), Map.of("destination", "1", "jaas-order", "last"),
                Map.of("host", "127.0.0.1"), Map.of("destination", "1", "policy-attribute", "Nope"),
                Map.of("destination", "1", "port", "70000"))) {
            InvalidConfigurationException service = assertThrows(InvalidConfigurationException.class, () -> new AuthSettings(bad));
            assertEquals(service.getMessage(),
                    assertThrows(InvalidConfigurationException.class, () -> validator.validate(bad)).getMessage());
        }
    }

    @Test
    void acceptsAValidConfigurationAsACfgFileGivesIt() throws Exception {
        validator.validate(Map.of("host", "127.0.0.1", "port", "1812", "secret", "s3cret", "jaas-order", "local-first",
                "policy-attribute", "Filter-Id", "nas_port", "4"));
    }

    @Test
    void aUserMappingNeedsAUsernameAndMayHaveNoPolicies() throws Exception {
        UserMappingValidator mappings = new UserMappingValidator();
        assertEquals("username: is required; it maps nobody", assertThrows(InvalidConfigurationException.class,
                () -> mappings.validate(Map.of("username", " ", "policies", "ops"))).getMessage());
        assertThrows(InvalidConfigurationException.class, () -> mappings.validate(Map.of("policies", "ops")));
        mappings.validate(Map.of("username", "erin", "policies", ""));
        mappings.validate(Map.of("username", "alice", "policies", "admins, ops"));
    }
}
