package dev.radsec.management.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link KeyMetadata} from the metatype bnd generated into the bundles on the test class path
 * ({@code OSGI-INF/metatype/<pid>.xml} of radsec-transport and radsec-relay): what MetaTypeService serves in Karaf.
 */
final class GeneratedMetatype implements KeyMetadata {
    /** One AD: its type ({@code String}, {@code Integer}, {@code Boolean}, {@code Password}) and default. */
    record Ad(String id, String type, String defaultValue, String description) {
    }

    private final Map<String, Map<String, Ad>> pids = new LinkedHashMap<>();

    /** The ADs of {@code pid}, in order. */
    Map<String, Ad> ads(String pid) {
        return pids.computeIfAbsent(pid, p -> {
            String resource = "OSGI-INF/metatype/" + p + ".xml";
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AssertionError("no " + resource + " on the test class path");
                }
                NodeList list = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                        .getElementsByTagName("AD");
                Map<String, Ad> ads = new LinkedHashMap<>();
                for (int i = 0; i < list.getLength(); i++) {
                    Element ad = (Element) list.item(i);
                    ads.put(ad.getAttribute("id"), new Ad(ad.getAttribute("id"), ad.getAttribute("type"),
                            ad.getAttribute("default"), ad.getAttribute("description")));
                }
                return ads;
            } catch (Exception e) {
                throw new AssertionError(resource + ": " + e, e);
            }
        });
    }

    @Override
    public Optional<List<String>> keys(String pid) {
        return Optional.of(new ArrayList<>(ads(pid).keySet()));
    }

    @Override
    public Optional<String> defaultValue(String pid, String key) {
        return Optional.ofNullable(ads(pid).get(key)).map(Ad::defaultValue).filter(d -> !d.isEmpty());
    }

    @Override
    public boolean isSecret(String pid, String key) {
        return Optional.ofNullable(ads(pid).get(key)).map(ad -> ad.type().equals("Password")).orElse(false);
    }

    @Override
    public Optional<String> description(String pid, String key) {
        return Optional.ofNullable(ads(pid).get(key)).map(ad -> key + ": " + ad.description());
    }
}
