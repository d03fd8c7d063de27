package dev.radsec.management.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MXBeans of one kind (destinations, relays, ...) kept in step with what exists: {@link #sync} registers the
 * new ones and unregisters the gone ones. Emitters ({@link #notifying}) leave one look later, or as soon as they sent
 * their last notification ({@link #release}): what they show is gone before its last event reaches them.
 */
final class MBeanSet<K, T> {
    private static final Logger LOG = LoggerFactory.getLogger(MBeanSet.class);

    private final MBeanServer server;
    private final Class<T> type;
    private final Function<K, ObjectName> names;
    private final Function<K, T> factory;
    private final Function<String, String> descriptions;
    private final Set<K> registered = new HashSet<>();
    /** What the MBeans may send, when they are emitters (see {@link #notifying}); null: they send nothing. */
    private MBeanNotificationInfo[] notifications;
    /** The registered MBeans' senders, when they are emitters. */
    private final Map<K, Sender> senders = new java.util.HashMap<>();
    /** Emitters the last {@link #sync} found gone: registered until the next one, or their {@link #release}. */
    private final Set<K> leaving = new HashSet<>();

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
            if (wanted.contains(key)) {
                leaving.remove(key);
            } else if (notifications == null || !leaving.add(key)) {
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

    /**
     * Makes the MBeans registered from now on notification emitters of these types (JMX notifications, sent with
     * {@link #notify}). Call it before the first {@link #sync}.
     * <p>An emitter outlives what it shows by one {@link #sync}: a listener's STOPPED or a certificate's REMOVED
     * comes through another thread after the listener or certificate is gone, and must still have a source to be
     * sent from. Its sender {@link #release}s it once sent.
     */
    synchronized MBeanSet<K, T> notifying(MBeanNotificationInfo... types) {
        notifications = types.clone();
        return this;
    }

    /**
     * Sends a notification from the MBean of {@code key}, its ObjectName as the source, to its listeners: on this
     * thread, outside this set's lock. False when that MBean is not registered (nobody can listen to it) or is not
     * an emitter.
     */
    boolean notify(K key, String type, String message, Object userData, long timestamp) {
        Sender sender;
        synchronized (this) {
            sender = senders.get(key);
        }
        if (sender == null) {
            return false;
        }
        sender.send(type, message, userData, timestamp);
        return true;
    }

    /**
     * Unregisters {@code key}'s MBean now if the last {@link #sync} found what it shows gone: called once it sent its
     * last notification. Nothing when it is still wanted (a reconfigured listener's STOPPED).
     */
    synchronized void release(K key) {
        if (leaving.contains(key)) {
            unregister(key);
        }
    }

    private void register(K key) {
        ObjectName name = names.apply(key);
        try {
            if (notifications != null) {
                Sender sender = new Sender(name, notifications);
                server.registerMBean(new DescribedEmitter<>(factory.apply(key), type, descriptions, sender), name);
                senders.put(key, sender);
            } else {
                server.registerMBean(new Described<>(factory.apply(key), type, descriptions), name);
            }
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
        senders.remove(key);
        leaving.remove(key);
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

    /** {@link Described}, and a notification emitter through its {@link Sender}. */
    private static final class DescribedEmitter<T> extends StandardEmitterMBean {
        private final Function<String, String> descriptions;

        DescribedEmitter(T implementation, Class<T> type, Function<String, String> descriptions, Sender sender) {
            super(implementation, type, true, sender);
            this.descriptions = descriptions;
        }

        @Override
        protected String getDescription(MBeanAttributeInfo info) {
            String d = descriptions == null ? null : descriptions.apply(info.getName());
            return d != null ? d : super.getDescription(info);
        }
    }

    /** Sends one MBean's notifications, numbered in sequence, with its ObjectName as the source. */
    private static final class Sender extends NotificationBroadcasterSupport {
        private final ObjectName source;
        private final AtomicLong sequence = new AtomicLong();

        Sender(ObjectName source, MBeanNotificationInfo[] types) {
            super(types);
            this.source = source;
        }

        void send(String type, String message, Object userData, long timestamp) {
            Notification n = new Notification(type, source, sequence.incrementAndGet(), timestamp, message);
            n.setUserData(userData);
            sendNotification(n);
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
