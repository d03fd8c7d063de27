package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.relay.RewriteStatistics;
import dev.radsec.transport.RadiusDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rewrite configuration refused with its key and reason, the running one staying; names resolved through the
 * dictionary in effect, and again when it changes.
 */
class RewriteConfigurationTest {
    private static final Dictionary DICT = Dictionary.standard();

    @TempDir
    Path dir;

    private static Map<String, Object> cfg(String name, String... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "dev.radsec.rewrite~" + name));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static InvalidConfigurationException refused(String... kv) {
        return assertThrows(InvalidConfigurationException.class, () -> Rewrite.compile(cfg("bad", kv), DICT));
    }

    @Test
    void eachMistakeIsRefusedWithItsKeyAndTheReason() {
        InvalidConfigurationException regex = refused("modify", "User-Name = /(unclosed/x/");
        assertEquals("modify", regex.key());
        assertTrue(regex.getMessage().contains("'(unclosed' is not a regular expression: Unclosed group"),
                regex.getMessage());
        InvalidConfigurationException unknown = refused("remove", "Tunnel-Type, Tunel-Medium-Type");
        assertEquals("remove: 'Tunel-Medium-Type' is not an attribute of the dictionary (a name it defines, or "
                + "Attr-<oid> such as Attr-26.9.1)", unknown.getMessage());
        assertEquals("add", refused("add", "Session-Timeout = soon").key());
        assertTrue(refused("add", "Session-Timeout = soon").getMessage().contains("is no value of Session-Timeout"));
        assertEquals("modify: 'Session-Timeout' is not a text attribute (modify changes text (string) attributes)",
                refused("modify", "Session-Timeout = /1/2/").getMessage());
        assertEquals("modify", refused("modify", "User-Name = /(a)/$2/").key());
        assertTrue(refused("modify", "User-Name = /(a)/$2/").getMessage().contains("names group 2"));
        assertEquals("remove-vendor: 'Nonesuch' is not a vendor of the dictionary (its number (SMI Private "
                + "Enterprise Number) or a VENDOR name of the dictionary)", refused("remove-vendor", "Nonesuch").getMessage());
        assertEquals("set", refused("set", "Message-Authenticator = 0x00").key());
        assertEquals("remove", refused("remove", "Proxy-State").key());
        assertTrue(refused("remove", "Reply-Message:1").getMessage().contains("does not take (has_tag)"));
        assertTrue(refused("add", "Attr-26.9.1 = 0x01").getMessage().contains("needs its definition"),
                "added attributes need a definition; removing one by oid does not");
        assertTrue(refused("remove", "Vendor-Specific").getMessage().contains("remove-vendor"));
        assertEquals("add: 'Reply-Message' has no value (Name = value)", refused("add", "Reply-Message").getMessage());
        assertEquals("remove", refused("remove", "Class = 1").key());
        assertEquals("add", refused("add", "Reply-Message = \"unclosed").key());
        assertEquals("name", assertThrows(InvalidConfigurationException.class, () -> Rewrite.compile(
                Map.of("name", "no/slash", "remove", "Class"), DICT)).key());
    }

    @Test
    void theRunningRewriteStaysWhenAChangeIsRefused() throws Exception {
        RewriteRegistry registry = new RewriteRegistry();
        RewriteConfiguration component = new RewriteConfiguration(registry, RadiusDictionary.of(DICT));
        component.apply(cfg("strip", "remove", "Class"));
        RadiusPacket answer = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).add("Class", "c").build();
        assertTrue(registry.slot("strip").apply(answer).attributes().isEmpty());

        component.apply(cfg("strip", "remove", "Clas"));
        assertTrue(registry.slot("strip").apply(answer).attributes().isEmpty(), "still the running one");
        assertEquals("", registry.rewrite("strip").orElseThrow().problem());

        component.remove();
        assertNull(registry.slot("strip").apply(answer), "not configured: relays drop what it applies to");
        assertTrue(registry.rewrite("strip").isEmpty());
        assertEquals(List.of(), registry.rewrites());
    }

    @Test
    void aNameIsOneConfigurations() throws Exception {
        RewriteRegistry registry = new RewriteRegistry();
        new RewriteConfiguration(registry, null).apply(cfg("one", "remove", "Class"));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> registry.configure(
                "dev.radsec.rewrite~other", Map.of("name", "one", "remove", "Class"), DICT));
        assertEquals("name: 'one' is already the name of dev.radsec.rewrite~one", e.getMessage());
    }

    /**
     * At boot the operator's dictionary can come after the rewrites: a rewrite naming a vendor attribute only it
     * defines is refused with the bundled one, kept, and applied with the first packet decoded with the new one.
     */
    @Test
    void aRewriteRefusedForANameTheDictionaryLacksIsAppliedOnceADictionaryDefinesIt() throws Exception {
        Path file = dir.resolve("dictionary.example");
        Files.writeString(file, "VENDOR\tExample\t32473\nBEGIN-VENDOR\tExample\nATTRIBUTE\tExample-Group\t1\tstring\n"
                + "END-VENDOR\tExample\n");
        Dictionary operators = Dictionary.standardWith(file);
        AtomicReference<Dictionary> current = new AtomicReference<>(DICT);
        RadiusDictionary service = new RadiusDictionary() {
            @Override
            public Dictionary current() {
                return current.get();
            }

            @Override
            public dev.radsec.codec.PacketCodec codec() {
                return new dev.radsec.codec.PacketCodec(current.get());
            }
        };
        RewriteRegistry registry = new RewriteRegistry();
        new RewriteConfiguration(registry, service).apply(cfg("group", "add", "Example-Group = visitors"));
        RewriteStatistics refused = registry.rewrite("group").orElseThrow();
        assertTrue(refused.problem().startsWith("refused: add: 'Example-Group' is not an attribute"), refused.problem());
        RadiusPacket old = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).build();
        assertNull(registry.slot("group").apply(old));

        current.set(operators);
        RadiusPacket fresh = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, operators).build();
        RadiusPacket out = registry.slot("group").apply(fresh);
        assertNotNull(out);
        assertEquals("visitors", out.first("Example-Group").orElseThrow().asString());
        assertEquals("", registry.rewrite("group").orElseThrow().problem());
    }

    /**
     * A dictionary that no longer defines a name the rewrite uses (the operator's was reloaded without it): the
     * earlier form goes on applying, matched by oid, and packets of either dictionary in turn compile nothing more.
     */
    @Test
    void aDictionaryWithoutANameKeepsTheEarlierFormApplying() throws Exception {
        Path file = dir.resolve("dictionary.example");
        Files.writeString(file, "VENDOR\tExample\t32473\nBEGIN-VENDOR\tExample\nATTRIBUTE\tExample-Group\t1\tstring\n"
                + "END-VENDOR\tExample\n");
        Dictionary operators = Dictionary.standardWith(file);
        RewriteRegistry registry = new RewriteRegistry();
        new RewriteConfiguration(registry, RadiusDictionary.of(operators)).apply(cfg("strip", "remove",
                "Example-Group, Class"));
        RewriteSlot slot = registry.slot("strip");
        dev.radsec.codec.PacketCodec sender = new dev.radsec.codec.PacketCodec(operators);
        dev.radsec.codec.SharedSecret secret = dev.radsec.codec.SharedSecret.of("server-secret");
        byte[] request = sender.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, operators)
                .add("User-Name", "x").add("User-Password", "y").build(), secret);
        byte[] answer = sender.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, operators)
                .add("Example-Group", "staff").add("Class", "c").add("Reply-Message", "hi").build(),
                sender.decodeRequest(request, secret), secret);
        RadiusPacket withVendor = new dev.radsec.codec.PacketCodec(DICT).decodeResponse(answer, request, secret);
        for (int i = 0; i < 3; i++) {
            RadiusPacket out = slot.apply(withVendor); // decoded with the bundled dictionary: Attr-26.32473.1
            assertEquals(List.of("Reply-Message"), out.attributes().stream().map(a -> a.definition().name())
                    .filter(n -> !n.equals("Message-Authenticator")).toList());
            RadiusPacket own = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, operators).add("Example-Group", "x")
                    .build();
            assertTrue(slot.apply(own).attributes().isEmpty());
        }
        assertEquals("", registry.rewrite("strip").orElseThrow().problem(), "it applies");
        assertTrue(slot.toString().contains("strip"), slot.toString());
    }

    @Test
    void theValidatorRefusesWhatTheComponentWould() throws Exception {
        ConfigurationValidator validator = new RewriteConfigurationValidator(RadiusDictionary.of(DICT));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> validator.validate(
                Map.of(ConfigurationValidator.NAME, "eduroam", "modify", "User-Name = /[/x/")));
        assertEquals("modify", e.key());
        validator.validate(Map.of(ConfigurationValidator.NAME, "eduroam", "remove", "reply:Tunnel-Type",
                "supplement", "request:Operator-Name = 1example.org"));
    }

    @Test
    void theKeysAreTheMetatypeIds() throws Exception {
        dev.radsec.testing.MetatypeKeys.Recording p = new dev.radsec.testing.MetatypeKeys.Recording(
                Map.of("name", "x", "remove", "Class"));
        Rewrite.compile(p, DICT);
        assertEquals(dev.radsec.testing.MetatypeKeys.ids("dev.radsec.rewrite"), p.asked());
        assertEquals(new java.util.TreeSet<>(Rewrite.KEYS), dev.radsec.testing.MetatypeKeys.ids("dev.radsec.rewrite"));
    }

    /** The shipped eduroam example compiles, and does what its comments say to a home server's answer. */
    @Test
    void theShippedEduroamExampleCompilesAndStripsVlansFromAnswers() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().getParent()
                .resolve("assembly/src/main/resources/assembly/etc/dev.radsec.rewrite-eduroam-visited.cfg.example");
        java.util.Properties props = new java.util.Properties();
        try (java.io.Reader r = Files.newBufferedReader(example)) {
            props.load(r);
        }
        Map<String, Object> p = new HashMap<>();
        props.forEach((k, v) -> p.put((String) k, v));
        p.put("service.pid", "dev.radsec.rewrite~eduroam-visited");
        Rewrite r = Rewrite.compile(p, DICT);
        RewriteCounters c = new RewriteCounters();
        RadiusPacket answer = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).add("Tunnel-Type", 1, "VLAN")
                .add("Tunnel-Medium-Type", 1, "IEEE-802").add("Tunnel-Private-Group-Id", 1, "100")
                .add("Chargeable-User-Identity", "cui").build();
        assertEquals(List.of("Chargeable-User-Identity = 0x637569"), RewriteTest.shown(r.apply(answer, c)));
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "a@b.example")
                .add("Chargeable-User-Identity", "\0").build();
        RadiusPacket out = r.apply(request, c);
        assertTrue(out.first("Operator-Name").orElseThrow().asString().startsWith("1"), RewriteTest.shown(out).toString());
        assertTrue(out.first("Chargeable-User-Identity").isPresent(), "passed through");
    }
}
