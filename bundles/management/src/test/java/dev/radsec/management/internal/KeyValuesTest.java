package dev.radsec.management.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one {@code key=value} syntax of the shell's write commands and of JMX create with text. */
class KeyValuesTest {

    @Test
    void wordsAsTheShellSplitsThem() {
        assertEquals(Map.of("address", "192.0.2.7", "protocol", "radsec", "tls-certificate", "client"),
                KeyValues.parse(List.of("address=192.0.2.7", "protocol=radsec", "tls-certificate=client")));
        assertEquals(List.of("clients", "secret", "realms"), List.copyOf(KeyValues.parse(List.of(
                "clients=10.0.0.0/8 s1, 127.0.0.1/32", "secret=x", "realms=example.org=2, *=1")).keySet()), "in order");
        assertEquals("example.org=2, *=1", KeyValues.parse(List.of("realms=example.org=2, *=1")).get("realms"),
                "split at the first =");
        assertEquals("10.0.0.0/8 s1", KeyValues.parse(List.of("clients=\"10.0.0.0/8 s1\"")).get("clients"),
                "quotes a shell kept are removed");
        assertEquals("a b", KeyValues.parse(List.of("comment='a b'")).get("comment"));
        assertEquals("", KeyValues.parse(List.of("tls-psk=")).get("tls-psk"), "empty: remove the key");
        assertEquals("unregistered_user_policies", KeyValues.parse(List.of("unregistered_user_policies=dev"))
                .keySet().iterator().next(), "Vault's spellings are words too");
    }

    @Test
    void whatIsNotKeyValueIsRefusedNamingIt() {
        assertEquals("'192.0.2.7' is not key=value", refused(List.of("192.0.2.7")));
        assertEquals("'=x' is not key=value", refused(List.of("=x")));
        assertEquals("timeout: is given twice", refused(List.of("timeout=3", "timeout=4")));
        assertEquals("service.pid: is not a setting (keys are words such as tls-certificate)",
                refused(List.of("service.pid=x")));
    }

    @Test
    void oneLineIsSplitAsAShellSplitsIt() {
        assertEquals(List.of("address=192.0.2.7", "clients=10.0.0.0/8 s1, 127.0.0.1/32", "secret=it's", "comment=a\"b"),
                KeyValues.words("  address=192.0.2.7 clients=\"10.0.0.0/8 s1, 127.0.0.1/32\"\tsecret=\"it's\" "
                        + "comment=a\\\"b "));
        assertEquals(List.of("path=C:\\radius"), KeyValues.words("'path=C:\\radius'"), "no escapes in single quotes");
        assertEquals(Map.of("a", "1", "b", ""), KeyValues.parse("a=1 b="));
        assertEquals(Map.of(), KeyValues.parse(""));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> KeyValues.parse("a=\"1"));
        assertEquals("a \" quote is not closed", open.getMessage());
    }

    @Test
    void secretsAreShownMasked() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("address", "192.0.2.7");
        settings.put("secret", "s3cret");
        settings.put("tls-psk", "");
        assertEquals("address=192.0.2.7, secret=******, tls-psk=", KeyValues.show(settings,
                (key, value) -> key.equals("secret") && !value.isEmpty() ? KeyValues.MASK : value));
    }

    private static String refused(List<String> words) {
        return assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(words)).getMessage();
    }
}
