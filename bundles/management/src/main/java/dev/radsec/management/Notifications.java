package dev.radsec.management;

/**
 * The events the RadSec stack pushes, so that an NMS subscribes instead of polling: as JMX notifications from the
 * MBean concerned, and as OSGi EventAdmin events. Each change is sent once, both ways, with the same data.
 *
 * <h2>What is sent</h2>
 * <table>
 *   <caption>Events by source</caption>
 *   <tr><th>source MBean</th><th>JMX notification type</th><th>EventAdmin topic</th><th>when</th></tr>
 *   <tr><td>{@code dev.radsec:type=Destination,id=<id>}</td><td>{@code dev.radsec.destination.<state>}:
 *       {@link #DESTINATION_DOWN}, {@link #DESTINATION_UP}, {@link #DESTINATION_DISABLED}, {@code .idle},
 *       {@code .connecting}, and any state a later release adds</td><td>{@code dev/radsec/destination/<STATE>}:
 *       {@link #TOPIC_DESTINATION_DOWN}, {@link #TOPIC_DESTINATION_UP}, ...</td>
 *       <td>the destination's {@code State} attribute changes: DOWN when its connections failed (once, not per
 *       attempt to reconnect), UP when a connection is up again, IDLE when {@code idle-timeout} closed it,
 *       CONNECTING when a request opens it again, DISABLED when its {@code disabled} key is set</td></tr>
 *   <tr><td>{@code dev.radsec:type=Certificate,name=<name>}</td><td>{@link #CERTIFICATE_UNAVAILABLE},
 *       {@link #CERTIFICATE_REVOKED}, {@link #CERTIFICATE_EXPIRING}, {@link #CERTIFICATE_AVAILABLE},
 *       {@link #CERTIFICATE_CHANGED}, {@link #CERTIFICATE_REMOVED}</td><td>{@code dev/radsec/certificate/<STATE>}:
 *       {@link #TOPIC_CERTIFICATE_UNAVAILABLE}, {@link #TOPIC_CERTIFICATE_REVOKED},
 *       {@link #TOPIC_CERTIFICATE_EXPIRING}, ...</td>
 *       <td>a local certificate becomes unusable (REVOKED when a CRL of a trust store lists it, UNAVAILABLE for
 *       any other reason: missing or unreadable file, expired, key mismatch...; sent again when the reason
 *       changes), will expire within its {@code expiry-warning} days (default 30; repeated daily until replaced),
 *       becomes usable, is replaced by another usable one, or its configuration is deleted</td></tr>
 *   <tr><td>{@code dev.radsec:type=Listener,name=<name>}</td><td>{@link #LISTENER_LISTENING},
 *       {@link #LISTENER_FAILED}, {@link #LISTENER_STOPPED}</td><td>{@code dev/radsec/listener/<STATE>}</td>
 *       <td>a listener bound its address, could not bind it, or was closed (a reconfigured listener sends
 *       STOPPED, then LISTENING)</td></tr>
 * </table>
 *
 * <h2>JMX</h2>
 * The notification's source is the MBean's ObjectName ({@link ObjectNames}), its message a sentence for people,
 * its time stamp when the change happened, and its user data a {@link javax.management.openmbean.CompositeData}
 * whose items are the keys below (open types only, so a remote client needs none of our classes). The MBeans list
 * their types in {@code MBeanInfo.getNotifications()}. A notification is sent only while the MBean is registered:
 * subscribe to it with {@code addNotificationListener} (viewers may; the JMX ACL guards attributes and
 * operations), and to the {@code MBeanServerDelegate} to hear of MBeans that appear later. The MBean of a listener
 * or certificate whose configuration is deleted sends its STOPPED or REMOVED before it is unregistered: it stays
 * until then, or, when none comes (a listener that never bound), until the MBeans are next brought in step with
 * the configuration (seconds after a change, every minute otherwise).
 *
 * <h2>EventAdmin</h2>
 * Posted asynchronously ({@code postEvent}) when an EventAdmin service is present (Karaf's {@code eventadmin}
 * feature, which {@code radsec-management} installs), with the same keys as event properties.
 *
 * <h2>Data</h2>
 * <ul>
 *   <li>destination: {@link #ID} (Integer), {@link #STATE}, {@link #PREVIOUS_STATE}, {@link #REASON},
 *       {@link #TIMESTAMP};</li>
 *   <li>certificate: {@link #NAME}, {@link #STATE}, {@link #REASON} (the status as {@code Status} shows it, e.g.
 *       {@code revoked: ...}), {@link #SUBJECT}, {@link #SERIAL} (hexadecimal), {@link #NOT_AFTER} (ISO-8601),
 *       {@link #TIMESTAMP}; the certificate fields are empty when none could be read;</li>
 *   <li>listener: {@link #NAME}, {@link #STATE}, {@link #REASON} (where it listens, or why it failed),
 *       {@link #TIMESTAMP}.</li>
 * </ul>
 * Strings are never null; secrets never appear.
 */
public final class Notifications {
    /** {@code dev.radsec.destination.down}: a destination went DOWN. */
    public static final String DESTINATION_DOWN = "dev.radsec.destination.down";
    /** {@code dev.radsec.destination.up}: a destination is UP again, or for the first time. */
    public static final String DESTINATION_UP = "dev.radsec.destination.up";
    /**
     * {@code dev.radsec.destination.disabled}: a destination was disabled ({@code disabled = true}); enabled again, it
     * reports UP or DOWN.
     */
    public static final String DESTINATION_DISABLED = "dev.radsec.destination.disabled";
    /** {@code dev.radsec.certificate.unavailable}: a local certificate became unusable, not by a revocation. */
    public static final String CERTIFICATE_UNAVAILABLE = "dev.radsec.certificate.unavailable";
    /** {@code dev.radsec.certificate.revoked}: a CRL of a trust store lists a local certificate. */
    public static final String CERTIFICATE_REVOKED = "dev.radsec.certificate.revoked";
    /** {@code dev.radsec.certificate.expiring}: a local certificate expires within {@code expiry-warning} days. */
    public static final String CERTIFICATE_EXPIRING = "dev.radsec.certificate.expiring";
    /** {@code dev.radsec.certificate.available}: a local certificate became usable. */
    public static final String CERTIFICATE_AVAILABLE = "dev.radsec.certificate.available";
    /** {@code dev.radsec.certificate.changed}: a usable local certificate was replaced by another usable one. */
    public static final String CERTIFICATE_CHANGED = "dev.radsec.certificate.changed";
    /** {@code dev.radsec.certificate.removed}: a local certificate's configuration was deleted. */
    public static final String CERTIFICATE_REMOVED = "dev.radsec.certificate.removed";
    /** {@code dev.radsec.listener.listening}: a listener bound its address. */
    public static final String LISTENER_LISTENING = "dev.radsec.listener.listening";
    /** {@code dev.radsec.listener.failed}: a listener could not bind its address. */
    public static final String LISTENER_FAILED = "dev.radsec.listener.failed";
    /** {@code dev.radsec.listener.stopped}: a listener was closed. */
    public static final String LISTENER_STOPPED = "dev.radsec.listener.stopped";

    /** {@code dev/radsec/destination/DOWN}. */
    public static final String TOPIC_DESTINATION_DOWN = "dev/radsec/destination/DOWN";
    /** {@code dev/radsec/destination/UP}. */
    public static final String TOPIC_DESTINATION_UP = "dev/radsec/destination/UP";
    /** {@code dev/radsec/destination/*}: every destination event, for an EventHandler's {@code event.topics}. */
    public static final String TOPIC_DESTINATION_ALL = "dev/radsec/destination/*";
    /** {@code dev/radsec/certificate/UNAVAILABLE}. */
    public static final String TOPIC_CERTIFICATE_UNAVAILABLE = "dev/radsec/certificate/UNAVAILABLE";
    /** {@code dev/radsec/certificate/REVOKED}. */
    public static final String TOPIC_CERTIFICATE_REVOKED = "dev/radsec/certificate/REVOKED";
    /** {@code dev/radsec/certificate/EXPIRING}. */
    public static final String TOPIC_CERTIFICATE_EXPIRING = "dev/radsec/certificate/EXPIRING";
    /** {@code dev/radsec/certificate/*}. */
    public static final String TOPIC_CERTIFICATE_ALL = "dev/radsec/certificate/*";
    /** {@code dev/radsec/listener/*}. */
    public static final String TOPIC_LISTENER_ALL = "dev/radsec/listener/*";
    /** {@code dev/radsec/*}: every RadSec event. */
    public static final String TOPIC_ALL = "dev/radsec/*";

    /** Destination id, an Integer. */
    public static final String ID = "id";
    /** Certificate or listener name. */
    public static final String NAME = "name";
    /** The new state, in capitals: {@code DOWN}, {@code UP}, {@code REVOKED}, {@code LISTENING}, ... */
    public static final String STATE = "state";
    /** A destination's state before: {@code UP}, {@code CONNECTING}, ... */
    public static final String PREVIOUS_STATE = "previousState";
    /** Why, in words. */
    public static final String REASON = "reason";
    /** A certificate's subject DN. */
    public static final String SUBJECT = "subject";
    /** A certificate's serial number, hexadecimal. */
    public static final String SERIAL = "serial";
    /** When a certificate expires, ISO-8601. */
    public static final String NOT_AFTER = "notAfter";
    /** When the change happened, milliseconds since the epoch, a Long (EventAdmin's {@code timestamp}). */
    public static final String TIMESTAMP = "timestamp";

    private Notifications() {
    }
}
