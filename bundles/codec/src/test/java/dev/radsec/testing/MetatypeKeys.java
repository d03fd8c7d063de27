package dev.radsec.testing;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a bundle's generated metatype ({@code OSGI-INF/metatype/<pid>.xml}, written by bnd into target/classes)
 * offers the web console and Karaf, against what the component really reads: a key named one way in the
 * metatype and read another way is a setting silently ignored.
 */
public final class MetatypeKeys {
    private MetatypeKeys() {
    }

    /** The attribute ids of {@code pid}'s object class definition, read from the test class path. */
    public static Set<String> ids(String pid) throws Exception {
        String resource = "OSGI-INF/metatype/" + pid + ".xml";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no generated " + resource + " on the class path (did bnd run?)");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList ads = factory.newDocumentBuilder().parse(in).getElementsByTagName("AD");
            Set<String> ids = new TreeSet<>();
            for (int i = 0; i < ads.getLength(); i++) {
                ids.add(((Element) ads.item(i)).getAttribute("id"));
            }
            return ids;
        }
    }

    /** Configuration properties that remember every key a parser asked for. */
    public static final class Recording extends HashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        private final Set<String> asked = new TreeSet<>();

        public Recording(Map<String, ?> properties) {
            super(properties);
        }

        /** The keys asked for, framework keys (with a dot, e.g. service.pid) left out. */
        public Set<String> asked() {
            Set<String> ours = new TreeSet<>(asked);
            ours.removeIf(k -> k.contains("."));
            return ours;
        }

        @Override
        public Object get(Object key) {
            asked.add(String.valueOf(key));
            return super.get(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            asked.add(String.valueOf(key));
            return super.getOrDefault(key, defaultValue);
        }

        @Override
        public boolean containsKey(Object key) {
            asked.add(String.valueOf(key));
            return super.containsKey(key);
        }
    }
}
