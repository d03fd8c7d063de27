package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay keys as an operator's cfg file gives them, and where each User-Name is routed. */
class RelaySettingsTest {

    private static RelaySettings relay(String... kv) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RelaySettings(p);
    }

    private static InvalidConfigurationException refused(String... kv) {
        return assertThrows(InvalidConfigurationException.class, () -> relay(kv));
    }

    @Test
    void udpDefaults() throws Exception {
        RelaySettings s = relay("destinations", "1, 2");
        assertEquals(false, s.radsec);
        assertEquals(1812, s.authPort);
        assertEquals(1813, s.acctPort);
        assertEquals(3799, s.coaPort);
        assertEquals("127.0.0.1", s.listenAddress);
        assertEquals(List.of(1, 2), s.destinations);
        assertEquals(RequireMessageAuth.AUTO, s.requireMessageAuth);
    }

    @Test
    void radsecNeedsACertificateAndDefaultsToTheRadsecSecretAndNoMessageAuthenticator() throws Exception {
        assertEquals("tls-certificate", refused("protocol", "radsec", "destinations", "1").key());
        RelaySettings s = new RelaySettings(Map.of("protocol", "radsec", "tls-certificate", "server", "destinations", "1"));
        assertEquals("radsec", s.secret);
        assertEquals(2083, s.port);
        assertEquals(Duration.ofSeconds(5), s.tlsTimeout);
        assertEquals(RequireMessageAuth.FALSE, s.requireMessageAuth);
    }

    @Test
    void badValuesAreRefusedWithTheirKey() {
        assertEquals("destinations", refused().key());
        assertEquals("destinations", refused("destinations", "1, zero").key());
        assertEquals("destinations", refused("destinations", "65536").key());
        assertEquals("realms", refused("realms", "example.org").key());
        assertEquals("protocol", refused("protocol", "tcp", "destinations", "1").key());
        assertEquals("tls-timeout", refused("destinations", "1", "tls-timeout", "2").key());
        InvalidConfigurationException e = refused("destinations", "1", "require-message-auth", "yes");
        assertTrue(e.getMessage().contains("true, false, auto"), e.getMessage());
    }

    @Test
    void aUserNameGoesToItsRealmThenTheDefaultRealmThenStarThenTheList() throws Exception {
        RelaySettings s = relay("destinations", "9", "realms", "example.org=2 3, *=1", "realm", "Campus.EDU");
        assertEquals(List.of(2, 3), s.route("carol@EXAMPLE.org"), "realm, case-insensitive, in failover order");
        assertEquals(List.of(1), s.route("dave@other.net"), "an unlisted realm goes to *");
        assertEquals(List.of(1), s.route("erin"), "the default realm campus.edu is not listed: *");
        RelaySettings noStar = relay("destinations", "9", "realms", "campus.edu=4", "realm", "campus.edu");
        assertEquals(List.of(4), noStar.route("erin"), "no realm in the name: the default realm");
        assertEquals(List.of(9), noStar.route("frank@elsewhere.org"), "nothing matches: the destinations list");
        assertEquals(List.of(9), relay("destinations", "9").route(null), "no User-Name at all");
    }

    @Test
    void realmAppendNeedsARealmAndAppendsItOnlyToNamesWithout() throws Exception {
        assertEquals("realm-append: needs realm: the realm to append",
                refused("destinations", "1", "realm-append", "true").getMessage());
        assertEquals("realm-append", refused("destinations", "1", "realm", "x.org", "realm-append", "on").key());
        assertEquals("realm", refused("destinations", "1", "realm", "x@y.org").key());
        RelaySettings off = relay("destinations", "1", "realm", "Example.org");
        assertEquals(false, off.realmAppend, "default false");
        assertEquals("alice", off.forwardedUserName("alice"), "the realm routes, but is not appended");
        RelaySettings on = relay("destinations", "1", "realm", "Example.org", "realm-append", "true");
        assertEquals("alice@Example.org", on.forwardedUserName("alice"), "appended as configured");
        assertEquals("alice@Example.org", on.forwardedUserName("alice@"), "an empty realm is none");
        assertEquals("bob@other.net", on.forwardedUserName("bob@other.net"), "a name with a realm stays");
        assertEquals(null, on.forwardedUserName(null), "no User-Name, none added");
        String name = "carol@x.org";
        assertTrue(name == on.forwardedUserName(name), "unchanged is the same String: nothing to rebuild");
    }

    @Test
    void theDefaultRealmRoutesANameWithoutOneWhetherOrNotItIsAppended() throws Exception {
        for (String append : new String[] {"false", "true"}) {
            RelaySettings s = relay("destinations", "9", "realms", "example.org=2, other.net=3", "realm", "example.org",
                    "realm-append", append);
            assertEquals(List.of(2), s.route("alice"), "the default realm's destinations");
            assertEquals(List.of(3), s.route("bob@other.net"), "a realm of its own");
            assertEquals(List.of(2), s.route("erin@"), "an empty realm is none: the default realm");
        }
    }
}
