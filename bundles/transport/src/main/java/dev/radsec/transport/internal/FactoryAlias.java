package dev.radsec.transport.internal;

import java.util.Map;

/**
 * The name Karaf gives a factory configuration instance: the alias of {@code dev.radsec.relay~branch}
 * (ConfigAdmin 1.6 named factory configurations, {@code config:edit --factory --alias branch}), or the suffix of
 * the file it came from, {@code etc/dev.radsec.relay-branch.cfg} (Felix FileInstall).
 */
final class FactoryAlias {
    private FactoryAlias() {
    }

    /** @return the alias, or null when the configuration has none (e.g. created without a name) */
    static String of(Map<String, ?> properties, String factoryPid) {
        Object pid = properties.get("service.pid");
        if (pid != null && pid.toString().startsWith(factoryPid + "~")) {
            return nonEmpty(pid.toString().substring(factoryPid.length() + 1));
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String path = file.toString();
            String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            if (base.startsWith(factoryPid + "-")) {
                return nonEmpty(base.substring(factoryPid.length() + 1));
            }
        }
        return null;
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
