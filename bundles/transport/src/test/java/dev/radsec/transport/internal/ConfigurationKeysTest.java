package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigKey;
import dev.radsec.testing.MetatypeKeys;
import dev.radsec.transport.DestinationKeys;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every key the web console offers (the generated metatype) is a key the component reads, and the other way
 * round; a key nothing reads is reported, so a typo in etc/ does not fail silently.
 */
class ConfigurationKeysTest {

    @Test
    void destinationKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("id", "1", "address", "a", "tls-certificate", "c"));
        DestinationSettings.parse(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.destination"), p.asked());
    }

    /**
     * The web console's metatype ({@link DestinationConfig}, annotations, so constants only) says what the key table
     * says: the same ids in the same order, types, required keys, ranges and choices, fixed defaults and descriptions.
     */
    @Test
    void theDestinationMetatypeAgreesWithTheKeyTable() throws Exception {
        List<Element> ads = metatype("dev.radsec.destination");
        List<ConfigKey<?>> keys = DestinationKeys.TABLE.keys();
        assertEquals(keys.stream().map(ConfigKey::name).collect(Collectors.toList()),
                ads.stream().map(a -> a.getAttribute("id")).collect(Collectors.toList()));
        for (int i = 0; i < keys.size(); i++) {
            ConfigKey<?> key = keys.get(i);
            Element ad = ads.get(i);
            String k = key.name();
            // the metatype writes a default as a list: a comma within one value is escaped (login\,relay)
            assertEquals(key.defaultText().orElse(""), ad.getAttribute("default").replace("\\,", ","),
                    k + ": default");
            assertEquals(key.isRequired(), !"false".equals(ad.getAttribute("required")), k + ": required");
            assertEquals(key.description(), ad.getAttribute("description"), k + ": description");
            assertEquals(metatypeType(key), ad.getAttribute("type"), k + ": type");
            if (allowed(ad) == null && key.allowed() != null) {
                // text the metatype cannot check (durations with units, subsets): its description says what is allowed
                assertEquals("String", ad.getAttribute("type"), k + ": checked by the key, not the console");
                assertTrue(key.description().contains(key.allowed()), k + ": the description says " + key.allowed());
            } else {
                assertEquals(key.allowed(), allowed(ad), k + ": range or choices");
            }
        }
    }

    private static String metatypeType(ConfigKey<?> key) {
        if (key.isSecret()) {
            return "Password";
        }
        if (key.type() == Integer.class || key.type() == Duration.class && key.allowed().matches("\\d+-\\d+")) {
            return "Integer"; // whole seconds; a duration with units is text
        }
        return key.type() == Boolean.class ? "Boolean" : "String";
    }

    /** What a metatype attribute allows, written as {@link ConfigKey#allowed()} writes it. */
    private static String allowed(Element ad) {
        NodeList options = ad.getElementsByTagName("Option");
        if (options.getLength() > 0) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < options.getLength(); i++) {
                values.add(((Element) options.item(i)).getAttribute("value"));
            }
            return String.join(", ", values);
        }
        if (ad.hasAttribute("min") || ad.hasAttribute("max")) {
            return ad.getAttribute("min") + "-" + ad.getAttribute("max");
        }
        return "Boolean".equals(ad.getAttribute("type")) ? "true, false" : null;
    }

    /** The attribute definitions of {@code pid}'s generated metatype (bnd writes it into target/classes). */
    private static List<Element> metatype(String pid) throws Exception {
        String resource = "OSGI-INF/metatype/" + pid + ".xml";
        try (InputStream in = ConfigurationKeysTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "no generated " + resource + " on the class path (did bnd run?)");
            NodeList ads = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("AD");
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < ads.getLength(); i++) {
                out.add((Element) ads.item(i));
            }
            return out;
        }
    }

    @Test
    void listenerKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("name", "l", "tls-certificate", "c"));
        ListenerSettings.parse(p);
        assertEquals(MetatypeKeys.ids("dev.radsec.listener"), p.asked());
    }


    @Test
    void keysNothingReadsAreReportedAndFrameworkKeysAreNot() throws Exception {
        DestinationSettings s = DestinationSettings.parse(Map.of("id", "1", "address", "a", "tls-certificate", "c",
                "tls-timout", "9", "service.pid", "dev.radsec.destination~a",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.destination-a.cfg"));
        assertEquals(List.of("tls-timout"), s.unknownKeys);
    }

    @Test
    void aListenerIsNamedByItsFileUnlessItHasAName() throws Exception {
        assertEquals("server", ListenerSettings.parse(Map.of("tls-certificate", "c",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.listener-server.cfg")).name);
        assertEquals("name", assertThrowsInvalid(Map.of("tls-certificate", "c")).key());
    }

    private static InvalidConfigurationException assertThrowsInvalid(Map<String, Object> p) {
        return org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigurationException.class,
                () -> ListenerSettings.parse(p));
    }
}
