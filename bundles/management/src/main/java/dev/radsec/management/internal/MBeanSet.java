package dev.radsec.management.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MXBeans of one kind (destinations, relays, ...) kept in step with what exists: {@link #sync} registers the
 * new ones and unregisters the gone ones.
 */
final class MBeanSet<K, T> {
    private static final Logger LOG = LoggerFactory.getLogger(MBeanSet.class);

    private final MBeanServer server;
    private final Class<T> type;
    private final Function<K, ObjectName> names;
    private final Function<K, T> factory;
    private final Function<String, String> descriptions;
    private final Set<K> registered = new HashSet<>();

    MBeanSet(MBeanServer server, Class<T> type, Function<K, ObjectName> names, Function<K, T> factory) {
        this(server, type, names, factory, attribute -> null);
    }

    /** @param descriptions the JMX description of an attribute, by its name; null keeps the MXBean's own */
    MBeanSet(MBeanServer server, Class<T> type, Function<K, ObjectName> names, Function<K, T> factory,
            Function<String, String> descriptions) {
        this.server = server;
        this.type = type;
        this.names = names;
        this.factory = factory;
        this.descriptions = descriptions;
    }

    synchronized void sync(Set<K> wanted) {
        for (K key : Set.copyOf(registered)) {
            if (!wanted.contains(key)) {
                unregister(key);
            }
        }
        for (K key : wanted) {
            if (!registered.contains(key)) {
                register(key);
            }
        }
    }

    synchronized void clear() {
        for (K key : Set.copyOf(registered)) {
            unregister(key);
        }
    }

    private void register(K key) {
        ObjectName name = names.apply(key);
        try {
            server.registerMBean(new Described<>(factory.apply(key), type, descriptions), name);
            registered.add(key);
        } catch (InstanceAlreadyExistsException e) {
            LOG.warn("{} is already registered by someone else; not replaced", name);
        } catch (JMException e) {
            LOG.warn("Cannot register {}: {}", name, e.getMessage());
        }
    }

    private void unregister(K key) {
        ObjectName name = names.apply(key);
        registered.remove(key);
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            LOG.warn("Cannot unregister {}: {}", name, e.getMessage());
        }
    }

    /** An MXBean whose attribute descriptions come from elsewhere (a key table) rather than its interface. */
    private static final class Described<T> extends StandardMBean {
        private final Function<String, String> descriptions;

        Described(T implementation, Class<T> type, Function<String, String> descriptions) {
            super(implementation, type, true);
            this.descriptions = descriptions;
        }

        @Override
        protected String getDescription(MBeanAttributeInfo info) {
            String d = descriptions == null ? null : descriptions.apply(info.getName());
            return d != null ? d : super.getDescription(info);
        }
    }

    /** For tests. */
    synchronized Map<K, ObjectName> registered() {
        Map<K, ObjectName> m = new java.util.HashMap<>();
        for (K k : registered) {
            m.put(k, names.apply(k));
        }
        return m;
    }
}
