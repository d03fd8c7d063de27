package dev.radsec.common;

import java.util.Map;

/**
 * The name Karaf gives a factory configuration instance: the alias of {@code dev.radsec.relay~branch}
 * (ConfigAdmin 1.6 named factory configurations, {@code config:edit --factory --alias branch}), else the suffix of
 * the file it came from, {@code etc/dev.radsec.relay-branch.cfg} (Felix FileInstall), else of the key a feature's
 * {@code <config name="dev.radsec.relay-branch">} installed it under.
 */
final class FactoryAlias {
    private static final String[] SOURCES = {"felix.fileinstall.filename", "org.apache.karaf.features.configKey"};

    private FactoryAlias() {
    }

    /** @return the alias, or null when the configuration has none (e.g. created without a name) */
    static String of(Map<String, ?> properties, String factoryPid) {
        Object pid = properties.get("service.pid");
        if (pid != null && pid.toString().startsWith(factoryPid + "~")) {
            return nonEmpty(pid.toString().substring(factoryPid.length() + 1));
        }
        for (String source : SOURCES) {
            Object value = properties.get(source);
            String base = value == null ? null : withoutExtension(lastSegment(value.toString()));
            if (base != null && base.startsWith(factoryPid + "-")) {
                return nonEmpty(base.substring(factoryPid.length() + 1));
            }
        }
        return null;
    }

    private static String lastSegment(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    private static String withoutExtension(String name) {
        for (String extension : new String[] {".cfg", ".config", ".json"}) {
            if (name.endsWith(extension)) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
