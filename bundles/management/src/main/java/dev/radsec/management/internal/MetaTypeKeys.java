package dev.radsec.management.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@link KeyMetadata} from the OSGi MetaType service: the object class definition the bundle that runs a PID
 * publishes ({@code @ObjectClassDefinition} of its component). Which bundle that is is remembered per PID, and
 * looked for again when that bundle is gone.
 */
final class MetaTypeKeys implements KeyMetadata {
    private final BundleContext context;
    private final Supplier<MetaTypeService> service;
    private final Map<String, Long> bundleOfPid = new ConcurrentHashMap<>();

    MetaTypeKeys(BundleContext context, Supplier<MetaTypeService> service) {
        this.context = context;
        this.service = service;
    }

    @Override
    public Optional<List<String>> keys(String pid) {
        return attributes(pid).map(ads -> {
            List<String> ids = new ArrayList<>();
            for (AttributeDefinition ad : ads) {
                ids.add(ad.getID());
            }
            return ids;
        });
    }

    @Override
    public Optional<String> defaultValue(String pid, String key) {
        return attribute(pid, key).map(AttributeDefinition::getDefaultValue).filter(d -> d.length > 0)
                .map(d -> String.join(", ", d));
    }

    @Override
    public boolean isSecret(String pid, String key) {
        return attribute(pid, key).map(ad -> ad.getType() == AttributeDefinition.PASSWORD).orElse(false);
    }

    @Override
    public Optional<String> description(String pid, String key) {
        return attribute(pid, key).map(ad -> {
            List<String> facts = new ArrayList<>();
            if (ad.getOptionValues() != null && ad.getOptionValues().length > 0) {
                facts.add(String.join(", ", ad.getOptionValues()));
            }
            if (ad.getDefaultValue() != null && ad.getDefaultValue().length > 0) {
                facts.add("default " + String.join(", ", ad.getDefaultValue()));
            }
            if (ad.getType() == AttributeDefinition.PASSWORD) {
                facts.add("secret, reads ****** when set");
            }
            StringBuilder s = new StringBuilder(key).append(':');
            if (ad.getDescription() != null && !ad.getDescription().isBlank()) {
                s.append(' ').append(ad.getDescription());
            }
            if (!facts.isEmpty()) {
                s.append(" (").append(String.join("; ", facts)).append(')');
            }
            return s.toString();
        });
    }

    private Optional<AttributeDefinition> attribute(String pid, String key) {
        return attributes(pid).flatMap(ads -> Arrays.stream(ads).filter(ad -> ad.getID().equals(key)).findFirst());
    }

    private Optional<AttributeDefinition[]> attributes(String pid) {
        MetaTypeService metatype = service.get();
        if (metatype == null) {
            return Optional.empty();
        }
        Long known = bundleOfPid.get(pid);
        Bundle bundle = known == null ? null : context.getBundle(known);
        Optional<AttributeDefinition[]> found = bundle == null ? Optional.empty() : attributes(metatype, bundle, pid);
        if (found.isPresent()) {
            return found;
        }
        for (Bundle b : context.getBundles()) {
            found = attributes(metatype, b, pid);
            if (found.isPresent()) {
                bundleOfPid.put(pid, b.getBundleId());
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<AttributeDefinition[]> attributes(MetaTypeService metatype, Bundle bundle, String pid) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return Optional.empty();
        }
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null || !(Arrays.asList(info.getPids()).contains(pid)
                || Arrays.asList(info.getFactoryPids()).contains(pid))) {
            return Optional.empty();
        }
        ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
        AttributeDefinition[] ads = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return Optional.ofNullable(ads);
    }
}
