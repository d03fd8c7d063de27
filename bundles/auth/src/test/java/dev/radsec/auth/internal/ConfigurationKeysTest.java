package dev.radsec.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.testing.MetatypeKeys;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The web console saves what the metatype offers: each id must be a key the login service reads (before, ids came
 * out as unregistered.user.policies and were silently ignored). Vault's spellings are read too, as aliases.
 */
class ConfigurationKeysTest {

    @Test
    void loginServiceKeysAreTheMetatypeIdsPlusVaultsSpellings() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("destination", "1"));
        new AuthSettings(p);
        Set<String> expected = new TreeSet<>(MetatypeKeys.ids("dev.radsec.auth"));
        expected.addAll(AuthSettings.VAULT_ALIASES.keySet());
        assertEquals(expected, p.asked());
        assertEquals(Set.of(), intersection(MetatypeKeys.ids("dev.radsec.auth"), AuthSettings.VAULT_ALIASES.keySet()),
                "Vault's spellings are aliases, not metatype ids");
    }

    @Test
    void userMappingKeysAreTheMetatypeIds() throws Exception {
        // UserMappingStore writes and reads exactly these two keys.
        assertEquals(Set.of("username", "policies"), MetatypeKeys.ids("dev.radsec.auth.user"));
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }
}
