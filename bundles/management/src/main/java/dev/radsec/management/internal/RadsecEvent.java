package dev.radsec.management.internal;

import dev.radsec.management.Notifications;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.ListenerStateListener;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One change the stack pushes (see {@link Notifications}): what it is about, its new state, a sentence for
 * people, and its data, the same for the JMX notification and the EventAdmin event.
 *
 * @param kind       what it is about
 * @param key        the destination id (Integer) or the certificate's or listener's name: the MBean's key
 * @param state      the new state, in capitals
 * @param message    a sentence for people
 * @param properties every data item of its kind, in a fixed order, open types only, none null
 */
record RadsecEvent(Kind kind, Object key, String state, String message, Map<String, Object> properties) {

    /** What an event is about; its name in lower case is the middle of the type and the topic. */
    enum Kind {
        DESTINATION, CERTIFICATE, LISTENER;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code dev.radsec.<kind>.<state>}. */
    String notificationType() {
        return "dev.radsec." + kind.word() + "." + state.toLowerCase(Locale.ROOT);
    }

    /** {@code dev/radsec/<kind>/<STATE>}. */
    String topic() {
        return "dev/radsec/" + kind.word() + "/" + state;
    }

    /**
     * Whether this is the last event of something that may be going away, after which its MBean may leave: a
     * listener's STOPPED, a certificate's REMOVED. A reconfigured listener's STOPPED is followed by LISTENING.
     */
    boolean isLast() {
        return switch (kind) {
            case LISTENER -> state.equals(ListenerStateListener.State.STOPPED.name());
            case CERTIFICATE -> state.equals("REMOVED");
            case DESTINATION -> false; // a deleted destination sends nothing
        };
    }

    long timestamp() {
        return (Long) properties.get(Notifications.TIMESTAMP);
    }

    static RadsecEvent destination(int id, DestinationStatistics.State previous, DestinationStatistics.State current,
                                   String reason, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(Notifications.ID, id);
        p.put(Notifications.STATE, current.name());
        p.put(Notifications.PREVIOUS_STATE, previous.name());
        p.put(Notifications.REASON, reason);
        p.put(Notifications.TIMESTAMP, at.toEpochMilli());
        return new RadsecEvent(Kind.DESTINATION, id, current.name(), "Destination " + id + " is "
                + current.name() + " (was " + previous.name() + "): " + reason, Collections.unmodifiableMap(p));
    }

    static RadsecEvent listener(String name, ListenerStateListener.State state, String detail, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(Notifications.NAME, name);
        p.put(Notifications.STATE, state.name());
        p.put(Notifications.REASON, detail);
        p.put(Notifications.TIMESTAMP, at.toEpochMilli());
        return new RadsecEvent(Kind.LISTENER, name, state.name(), "Listener " + name + " "
                + state.name().toLowerCase(Locale.ROOT) + ": " + detail, Collections.unmodifiableMap(p));
    }

    /** @param state AVAILABLE, UNAVAILABLE, REVOKED, EXPIRING, CHANGED or REMOVED; {@code status} may be null */
    static RadsecEvent certificate(String name, String state, CertificateStatus status, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(Notifications.NAME, name);
        p.put(Notifications.STATE, state);
        p.put(Notifications.REASON, status == null ? "" : CertificateMBean.describe(status));
        p.put(Notifications.SUBJECT, status == null ? "" : status.subject().orElse(""));
        p.put(Notifications.SERIAL, status == null ? "" : status.serial().map(n -> n.toString(16)).orElse(""));
        p.put(Notifications.NOT_AFTER, status == null ? "" : status.notAfter().map(Instant::toString).orElse(""));
        p.put(Notifications.TIMESTAMP, at.toEpochMilli());
        String why = state.equals("EXPIRING") ? "expires at " + p.get(Notifications.NOT_AFTER)
                : (String) p.get(Notifications.REASON);
        return new RadsecEvent(Kind.CERTIFICATE, name, state, "Certificate " + name + " "
                + state.toLowerCase(Locale.ROOT) + (why.isEmpty() ? "" : ": " + why), Collections.unmodifiableMap(p));
    }
}
