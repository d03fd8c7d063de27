package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusClient.Service;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MikroTik /radius keys of a destination as a cfg file gives them: values, defaults, refusals with key and reason. */
class MikrotikKeysTest {

    private static DestinationSettings parse(String... kv) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "radius.example.org", "tls-certificate", "me"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return DestinationSettings.parse(p);
    }

    private static InvalidConfigurationException refused(String... kv) {
        return assertThrows(InvalidConfigurationException.class, () -> parse(kv));
    }

    @Test
    void defaultsAreMikrotiksOwn() throws Exception {
        DestinationSettings s = parse();
        assertFalse(s.disabled);
        assertNull(s.comment);
        assertTrue(s.login && s.relay, "both services");
        assertNull(s.calledId, "every request");
        assertNull(s.domain);
        assertFalse(s.accountingBackup);
        assertEquals("login,relay", s.effective().get("service"));
    }

    @Test
    void disabledIsAFlagAndChangingItReconnects() throws Exception {
        assertTrue(parse("disabled", "true").disabled);
        assertTrue(parse("disabled", "TRUE").disabled);
        assertEquals("disabled: 'yes' is neither true nor false", refused("disabled", "yes").getMessage());
        assertTrue(parse("disabled", "true").needsReconnect(parse()), "disabling closes the connection");
        assertTrue(parse().needsReconnect(parse("disabled", "true")), "enabling opens one");
    }

    @Test
    void aCommentIsShownAsGivenAndChangesNothingElse() throws Exception {
        DestinationSettings s = parse("comment", "  branch office, rack 3 ");
        assertEquals("branch office, rack 3", s.comment);
        assertEquals("branch office, rack 3", s.effective().get("comment"));
        assertFalse(s.needsReconnect(parse()));
    }

    @Test
    void serviceIsLoginRelayOrBothAndAnythingElseIsRefused() throws Exception {
        DestinationSettings login = parse("service", "login");
        assertTrue(login.serves(Service.LOGIN));
        assertFalse(login.serves(Service.RELAY));
        DestinationSettings relay = parse("service", " Relay ");
        assertFalse(relay.serves(Service.LOGIN));
        assertTrue(relay.serves(Service.RELAY));
        assertEquals("relay", relay.effective().get("service"));
        assertEquals("login,relay", parse("service", "relay,login").effective().get("service"));
        assertEquals("service: 'ppp' is none of login, relay", refused("service", "login,ppp").getMessage());
        assertEquals("service: ',' names nothing (one or more of login, relay)", refused("service", ",").getMessage());
        assertEquals("service: '' names nothing (one or more of login, relay)", refused("service", "").getMessage(),
                "service = in a cfg file");
        assertEquals("service", refused("service", "  ").key());
        assertFalse(parse("service", "login").needsReconnect(parse()), "applied on the open connection");
    }

    @Test
    void calledIdIsAGlobCompiledOnce() throws Exception {
        DestinationSettings s = parse("called-id", "00-11-22-*:Corp?");
        assertTrue(s.calledId.matches("00-11-22-33-44-55:corp1"));
        assertFalse(s.calledId.matches("00-11-22-33-44-55:guest1"));
        assertEquals("00-11-22-*:Corp?", s.effective().get("called-id"));
    }

    @Test
    void aDomainIsAWindowsDomainName() throws Exception {
        assertEquals("EXAMPLE", parse("domain", " EXAMPLE ").domain);
        InvalidConfigurationException e = refused("domain", "EXAMPLE\\sub");
        assertEquals("domain", e.key());
        assertEquals("domain: 'EXAMPLE\\sub' is not a Windows domain name: no \\ or @", e.getMessage());
        assertEquals("domain", refused("domain", "example@org").key());
    }

    @Test
    void accountingBackupIsAFlag() throws Exception {
        assertTrue(parse("accounting-backup", "true").accountingBackup);
        assertEquals("accounting-backup", refused("accounting-backup", "1").key());
    }

    @Test
    void timeoutTakesMillisecondsAndSecondsAndAPlainNumberStaysSeconds() throws Exception {
        assertEquals(Duration.ofMillis(300), parse("timeout", "300ms").timeout);
        assertEquals(Duration.ofSeconds(3), parse("timeout", "3s").timeout);
        assertEquals(Duration.ofSeconds(3), parse("timeout", "3").timeout);
        assertEquals(Duration.ofMillis(100), parse("timeout", "100ms").timeout, "MikroTik's own default can be written");
        assertEquals("300ms", parse("timeout", "300ms").effective().get("timeout"));
        assertEquals("3", parse("timeout", "3s").effective().get("timeout"), "whole seconds as before");
        assertEquals("300ms", parse("timeout", "300ms").timeoutText());
        assertEquals("5s", parse().timeoutText());
        InvalidConfigurationException low = refused("timeout", "50ms");
        assertEquals("timeout", low.key());
        assertEquals("timeout: 50ms is outside 100ms-300s", low.getMessage(), "the range in the message");
        assertEquals("timeout: 301s is outside 100ms-300s", refused("timeout", "301").getMessage());
        assertEquals("timeout", refused("timeout", "fast").key());
        assertFalse(parse("timeout", "300ms").needsReconnect(parse()), "applied on the open connection");
    }
}
