package dev.radsec.common;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigAdmin in memory, for the tests of bundles that read and write configurations through it (management, auth):
 * configurations by PID (created empty on first ask, listed
 * once they have properties, as Felix's are), named factory configurations ({@code <factoryPid>~<name>}), updates and
 * deletes. {@link #admin} is the service; {@link #stored} what it holds, ConfigAdmin's own keys included.
 */
public final class MemoryConfigurationAdmin {
    /** By PID, in creation order; null properties: created, never updated. */
    public final Map<String, Hashtable<String, Object>> stored = new LinkedHashMap<>();
    public int updates;

    public final ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getConfiguration":
                        return configuration((String) args[0], null);
                    case "getFactoryConfiguration":
                        return configuration(args[0] + "~" + args[1], (String) args[0]);
                    case "listConfigurations":
                        return list((String) args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    /** What ConfigAdmin delivers to the component of {@code pid}: the stored properties with service.pid. */
    public Map<String, Object> delivered(String pid) {
        return new LinkedHashMap<>(stored.get(pid));
    }

    /** Puts a configuration as FileInstall would from a file: {@code file} its name in etc. */
    public void put(String pid, String factoryPid, Map<String, ?> properties) {
        Hashtable<String, Object> p = new Hashtable<>(properties);
        p.put("service.pid", pid);
        if (factoryPid != null) {
            p.put("service.factoryPid", factoryPid);
        }
        stored.put(pid, p);
    }

    /** The stored properties of {@code pid} without ConfigAdmin's own; empty when none. */
    public Map<String, Object> properties(String pid) {
        Map<String, Object> m = new LinkedHashMap<>();
        Hashtable<String, Object> p = stored.get(pid);
        if (p != null) {
            p.forEach((k, v) -> {
                if (!k.startsWith("service.")) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    private Configuration[] list(String filter) throws Exception {
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<Configuration> found = new ArrayList<>();
        for (Map.Entry<String, Hashtable<String, Object>> e : stored.entrySet()) {
            if (e.getValue() != null && (f == null || f.match(e.getValue()))) {
                found.add(configuration(e.getKey(), (String) e.getValue().get("service.factoryPid")));
            }
        }
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    private Configuration configuration(String pid, String factoryPid) {
        stored.putIfAbsent(pid, null);
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getPid":
                            return pid;
                        case "getFactoryPid":
                            return factoryPid;
                        case "getProperties":
                            Hashtable<String, Object> p = stored.get(pid);
                            return p == null ? null : new Hashtable<>(p);
                        case "update":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                            Hashtable<String, Object> next = new Hashtable<>();
                            for (String k : Collections.list(d.keys())) {
                                next.put(k, d.get(k));
                            }
                            next.put("service.pid", pid);
                            if (factoryPid != null) {
                                next.put("service.factoryPid", factoryPid);
                            }
                            stored.put(pid, next);
                            updates++;
                            return null;
                        case "delete":
                            stored.remove(pid);
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return pid.hashCode();
                        case "toString":
                            return "Configuration " + pid;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
