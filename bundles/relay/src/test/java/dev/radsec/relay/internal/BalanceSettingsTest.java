package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.internal.RadiusServerService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code balance}, {@code balance-key} and {@code weights} as an operator writes them, and what is refused. */
class BalanceSettingsTest {

    private static RelaySettings relay(String... kv) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret", "destinations", "11, 12, 13"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RelaySettings(p);
    }

    private static InvalidConfigurationException refused(String... kv) {
        return assertThrows(InvalidConfigurationException.class, () -> relay(kv));
    }

    @Test
    void failoverByDefaultWithTheKeyFreeRadiusRecommendsForEapAndNoWeights() throws Exception {
        RelaySettings s = relay();
        assertEquals(Balance.FAILOVER, s.balance);
        assertEquals(List.of("Calling-Station-Id", "Called-Station-Id", "User-Name"), s.balanceKey);
        assertEquals(Map.of(), s.weights);
    }

    @Test
    void theThreeBalancesAreReadCaseIgnored() throws Exception {
        assertEquals(Balance.FAILOVER, relay("balance", "failover").balance);
        assertEquals(Balance.ROUND_ROBIN, relay("balance", "Round-Robin").balance);
        assertEquals(Balance.KEYED, relay("balance", " keyed ").balance);
        assertEquals("round-robin", Balance.ROUND_ROBIN.toString());
    }

    @Test
    void anUnknownBalanceIsRefusedNamingTheChoices() {
        InvalidConfigurationException e = refused("balance", "least-loaded");
        assertEquals("balance", e.key());
        assertEquals("balance: 'least-loaded' is not failover, round-robin or keyed", e.getMessage());
    }

    @Test
    void weightsAreIdColonWeight() throws Exception {
        assertEquals(Map.of(11, 2, 12, 1), relay("weights", "11:2, 12:1").weights);
        assertEquals(Map.of(13, 100), relay("weights", " 13 : 100 ").weights);
        // ids of realms count as the relay's too
        assertEquals(Map.of(21, 3), relay("realms", "example.org=21 22", "weights", "21:3").weights);
        assertEquals(Map.of(11, 2), relay("weights", new String[] {"11:2"}).weights); // as ConfigAdmin may hand a list
    }

    private static RelaySettings relay(String key, String[] values) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret", "destinations", "11, 12, 13"));
        p.put(key, values);
        return new RelaySettings(p);
    }

    @Test
    void weightsOfUnknownIdsNonPositiveOrMalformedAreRefusedWithKeyAndReason() {
        assertEquals("weights: '14:2' names destination 14, which is not in destinations or realms (they hold "
                + "[11, 12, 13])", refused("weights", "11:2, 14:2").getMessage());
        assertEquals("weights: '11:0' has a weight outside 1-100", refused("weights", "11:0").getMessage());
        assertEquals("weights: '11:-1' has a weight outside 1-100", refused("weights", "11:-1").getMessage());
        assertEquals("weights: '11:101' has a weight outside 1-100", refused("weights", "11:101").getMessage());
        assertEquals("weights: '11' is not id:weight (e.g. 11:2)", refused("weights", "11").getMessage());
        assertEquals("weights: '11:' is not id:weight (e.g. 11:2)", refused("weights", "11:").getMessage());
        assertEquals("weights: ':2' is not id:weight (e.g. 11:2)", refused("weights", ":2").getMessage());
        assertEquals("weights: 'eleven:2' is not id:weight (whole numbers, e.g. 11:2)",
                refused("weights", "eleven:2").getMessage());
        assertEquals("weights: '11:1.5' is not id:weight (whole numbers, e.g. 11:2)",
                refused("weights", "11:1.5").getMessage());
        assertEquals("weights: '11:3' weighs destination 11 a second time",
                refused("weights", "11:2, 11:3").getMessage());
    }

    @Test
    void balanceKeyNamesAttributesOfTheDictionaryAsItSpellsThem() throws Exception {
        assertEquals(List.of("User-Name"), relay("balance-key", "user-name").balanceKey);
        assertEquals(List.of("NAS-Identifier", "Calling-Station-Id"),
                relay("balance-key", "NAS-Identifier, Calling-Station-Id").balanceKey);
        // a vendor attribute the dictionary defines (RFC 2548, bundled)
        assertEquals(List.of("MS-CHAP-Challenge"), relay("balance-key", "MS-CHAP-Challenge").balanceKey);
        InvalidConfigurationException e = refused("balance-key", "Calling-Station-Id, Caling-Station-Id");
        assertEquals("balance-key: 'Caling-Station-Id' is not an attribute of the dictionary", e.getMessage());
    }

    @Test
    void theValidatorRefusesWhatTheRelayWould() {
        RelayConfigurationValidator validator = new RelayConfigurationValidator(new RadiusServerService(null));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> validator.validate(
                Map.of("secret", "s", "destinations", "11, 12", "balance", "keyed", "weights", "13:1")));
        assertEquals("weights", e.key());
        assertTrue(e.getMessage().contains("destination 13"), e.getMessage());
        assertEquals("balance", assertThrows(InvalidConfigurationException.class, () -> validator.validate(
                Map.of("secret", "s", "destinations", "11", "balance", "random"))).key());
        assertEquals("balance-key", assertThrows(InvalidConfigurationException.class, () -> validator.validate(
                Map.of("secret", "s", "destinations", "11", "balance-key", "Nonsense"))).key());
    }
}
