package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigKey#duration} (seconds or units) and {@link ConfigKey#subset} (comma-separated words). */
class DurationAndSubsetKeysTest {
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofMillis(100),
            Duration.ofSeconds(300)).defaultValue(Duration.ofSeconds(3));
    static final ConfigKey<String> SERVICE = ConfigKey.subset("service", "login", "relay").defaultValue("login,relay");
    static final ConfigTable TABLE = ConfigTable.of(TIMEOUT, SERVICE);

    private static Config parse(Object... kv) throws InvalidConfigurationException {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return TABLE.parse(p);
    }

    private static InvalidConfigurationException refused(Object... kv) {
        return assertThrows(InvalidConfigurationException.class, () -> parse(kv));
    }

    @Test
    void aPlainNumberIsSecondsAndUnitsAreMillisecondsOrSeconds() throws Exception {
        assertEquals(Duration.ofSeconds(3), parse().get(TIMEOUT));
        assertEquals(Duration.ofSeconds(7), parse("timeout", "7").get(TIMEOUT));
        assertEquals(Duration.ofSeconds(7), parse("timeout", 7).get(TIMEOUT), "a number from the web console");
        assertEquals(Duration.ofSeconds(3), parse("timeout", "3s").get(TIMEOUT));
        assertEquals(Duration.ofMillis(300), parse("timeout", "300ms").get(TIMEOUT));
        assertEquals(Duration.ofMillis(300), parse("timeout", " 300 MS ").get(TIMEOUT));
        assertEquals(Duration.ofMillis(100), parse("timeout", "100ms").get(TIMEOUT), "the lowest");
        assertEquals(Duration.ofSeconds(300), parse("timeout", "300000ms").get(TIMEOUT), "the highest");
    }

    @Test
    void outOfRangeIsRefusedWithTheRangeInUnits() {
        assertEquals("timeout: 99ms is outside 100ms-300s", refused("timeout", "99ms").getMessage());
        assertEquals("timeout: 0s is outside 100ms-300s", refused("timeout", "0").getMessage());
        assertEquals("timeout: 301s is outside 100ms-300s", refused("timeout", "301").getMessage());
        assertEquals("timeout: 300001ms is outside 100ms-300s", refused("timeout", "300001ms").getMessage());
        InvalidConfigurationException e = refused("timeout", "3 minutes");
        assertEquals("timeout", e.key());
        assertEquals("timeout: '3 minutes' is not a duration: write seconds (3), 3s or 300ms (100ms-300s)",
                e.getMessage());
        assertEquals("timeout", refused("timeout", "-1").key());
        assertEquals("timeout", refused("timeout", "1.5s").key());
        assertEquals("timeout", refused("timeout", "99999999999999999999").key(), "no overflow");
    }

    @Test
    void theTextIsPlainSecondsWhenWholeAndMillisecondsOtherwise() throws Exception {
        assertEquals("3", parse("timeout", "3s").effective().get("timeout"));
        assertEquals("300ms", parse("timeout", "300ms").effective().get("timeout"));
        assertEquals("2", parse("timeout", "2000ms").effective().get("timeout"));
        assertEquals("1500ms", parse("timeout", "1500ms").effective().get("timeout"));
        assertEquals("100ms-300s", TIMEOUT.allowed());
        assertEquals("timeout: (100ms-300s; default 3)", TIMEOUT.summary());
    }

    @Test
    void aSubsetIsWrittenInTheOrderOfItsWords() throws Exception {
        assertEquals("login,relay", parse().get(SERVICE));
        assertEquals("relay", parse("service", "relay").get(SERVICE));
        assertEquals("login", parse("service", " LOGIN ").get(SERVICE));
        assertEquals("login,relay", parse("service", "relay, login").get(SERVICE));
        assertEquals("login,relay", parse("service", "relay,login,relay").get(SERVICE));
        assertEquals("login", parse("service", new String[] {"login"}).get(SERVICE), "an array from the web console");
    }

    @Test
    void aSubsetNamingNothingOrAnUnknownWordIsRefused() {
        assertEquals("service: 'ppp' is none of login, relay", refused("service", "login, ppp").getMessage());
        assertEquals("service: ',' names nothing (one or more of login, relay)", refused("service", ",").getMessage());
        assertEquals("service", refused("service", " , , ").key());
    }

    @Test
    void durationsAndSubsetsAreChangesThatCompare() throws Exception {
        assertEquals(java.util.List.of(TIMEOUT), parse("timeout", "300ms").changed(parse("timeout", "3")));
        assertEquals(java.util.List.of(), parse("service", "relay,login").changed(parse()));
        assertEquals(Map.of("timeout", "3", "service", "login,relay"), parse().effective());
    }
}
