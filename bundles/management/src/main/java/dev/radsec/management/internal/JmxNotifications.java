package dev.radsec.management.internal;

import dev.radsec.management.Notifications;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.ListenerStateListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link RadsecEvent}s as JMX notifications from the destination, certificate and listener MBeans (see
 * {@link Notifications}): makes those MBean sets emitters, and turns an event's data into a {@link CompositeData}.
 */
final class JmxNotifications implements Consumer<RadsecEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(JmxNotifications.class);

    /** The certificate states {@link RadsecEvents} sends. */
    static final List<String> CERTIFICATE_STATES = List.of("UNAVAILABLE", "REVOKED", "EXPIRING", "AVAILABLE",
            "CHANGED", "REMOVED");

    /** The user data's type, by kind of event: the items of {@link Notifications}' data, in its order. */
    private static final Map<RadsecEvent.Kind, CompositeType> USER_DATA = new EnumMap<>(Map.of(
            RadsecEvent.Kind.DESTINATION, type("destination",
                    item(Notifications.ID, SimpleType.INTEGER, "destination id"),
                    item(Notifications.STATE, SimpleType.STRING, "the new state"),
                    item(Notifications.PREVIOUS_STATE, SimpleType.STRING, "the state before"),
                    item(Notifications.REASON, SimpleType.STRING, "why"),
                    item(Notifications.TIMESTAMP, SimpleType.LONG, "when, ms since the epoch")),
            RadsecEvent.Kind.CERTIFICATE, type("certificate",
                    item(Notifications.NAME, SimpleType.STRING, "certificate name"),
                    item(Notifications.STATE, SimpleType.STRING, "what happened"),
                    item(Notifications.REASON, SimpleType.STRING, "its status, as the Status attribute shows it"),
                    item(Notifications.SUBJECT, SimpleType.STRING, "subject DN; empty when none could be read"),
                    item(Notifications.SERIAL, SimpleType.STRING, "serial number, hexadecimal"),
                    item(Notifications.NOT_AFTER, SimpleType.STRING, "end of validity, ISO-8601"),
                    item(Notifications.TIMESTAMP, SimpleType.LONG, "when, ms since the epoch")),
            RadsecEvent.Kind.LISTENER, type("listener",
                    item(Notifications.NAME, SimpleType.STRING, "listener name"),
                    item(Notifications.STATE, SimpleType.STRING, "what became of it"),
                    item(Notifications.REASON, SimpleType.STRING, "where it listens, or why it failed or stopped"),
                    item(Notifications.TIMESTAMP, SimpleType.LONG, "when, ms since the epoch"))));

    private final MBeanSet<Integer, ?> destinations;
    private final MBeanSet<String, ?> certificates;
    private final MBeanSet<String, ?> listeners;

    /** Makes the sets' MBeans emitters: call it before they are first synced. */
    JmxNotifications(MBeanSet<Integer, ?> destinations, MBeanSet<String, ?> certificates,
                     MBeanSet<String, ?> listeners) {
        this.destinations = destinations;
        this.certificates = certificates;
        this.listeners = listeners;
        List<String> destinationStates = Arrays.stream(DestinationStatistics.State.values()).map(Enum::name).toList();
        List<String> listenerStates = Arrays.stream(ListenerStateListener.State.values()).map(Enum::name).toList();
        destinations.notifying(info(RadsecEvent.Kind.DESTINATION, destinationStates,
                "The destination's State changed: DOWN when its connections failed, UP when one is up again"));
        certificates.notifying(info(RadsecEvent.Kind.CERTIFICATE, CERTIFICATE_STATES,
                "The certificate became unusable (revoked, or another reason), will expire within expiry-warning "
                        + "days, became usable, changed or was removed"));
        listeners.notifying(info(RadsecEvent.Kind.LISTENER, listenerStates,
                "The listener bound its address, failed to, or stopped"));
    }

    @Override
    public void accept(RadsecEvent event) {
        MBeanSet<?, ?> set = switch (event.kind()) {
            case DESTINATION -> destinations;
            case CERTIFICATE -> certificates;
            case LISTENER -> listeners;
        };
        send(set, event);
    }

    private static <K> void send(MBeanSet<K, ?> set, RadsecEvent event) {
        @SuppressWarnings("unchecked")
        K key = (K) event.key(); // Integer for destinations, String for the others: as the sets are keyed
        set.notify(key, event.notificationType(), event.message(), userData(event), event.timestamp());
        if (event.isLast()) {
            set.release(key);
        }
    }

    private static CompositeData userData(RadsecEvent event) {
        try {
            return new CompositeDataSupport(USER_DATA.get(event.kind()), event.properties());
        } catch (OpenDataException e) {
            LOG.warn("{}: no user data: {}", event.message(), e.getMessage());
            return null;
        }
    }

    private static MBeanNotificationInfo info(RadsecEvent.Kind kind, List<String> states, String description) {
        List<String> types = new ArrayList<>();
        for (String state : states) {
            types.add(new RadsecEvent(kind, "", state, "", Map.of()).notificationType());
        }
        return new MBeanNotificationInfo(types.toArray(String[]::new), Notification.class.getName(), description);
    }

    private record Item(String name, OpenType<?> type, String description) {
    }

    private static Item item(String name, OpenType<?> type, String description) {
        return new Item(name, type, description);
    }

    private static CompositeType type(String kind, Item... items) {
        try {
            return new CompositeType("dev.radsec." + kind + ".notification", "What changed, for a " + kind,
                    Arrays.stream(items).map(Item::name).toArray(String[]::new),
                    Arrays.stream(items).map(Item::description).toArray(String[]::new),
                    Arrays.stream(items).map(Item::type).toArray(OpenType<?>[]::new));
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
