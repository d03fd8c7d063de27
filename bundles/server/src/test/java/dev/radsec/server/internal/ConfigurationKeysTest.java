package dev.radsec.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.testing.MetatypeKeys;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationKeysTest {
    @Test
    void theServerReadsTheKeysItsMetatypeOffers() throws Exception {
        // UsersFileServer reads UsersFileServerConfig, which DS maps to keys by the rule bnd writes the metatype
        // with; the keys are public interface (README), so they are pinned here.
        assertEquals(Set.of("users", "listener"), MetatypeKeys.ids("dev.radsec.server"));
    }
}
