package dev.radsec.management;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The JMX ObjectNames of the RadSec MBeans: the public names operators and tools address. */
public final class ObjectNames {
    /** The JMX domain of every RadSec MBean. */
    public static final String DOMAIN = "dev.radsec";

    private ObjectNames() {
    }

    /** {@code dev.radsec:type=Destination,id=<id>}: a {@link DestinationMXBean}. */
    public static ObjectName destination(int id) {
        return name("type=Destination,id=" + id);
    }

    /** {@code dev.radsec:type=Relay,name=<name>}: a {@link RelayMXBean}. */
    public static ObjectName relay(String name) {
        return name("type=Relay,name=" + value(name));
    }

    /** {@code dev.radsec:type=Certificate,name=<name>}: a {@link CertificateMXBean}. */
    public static ObjectName certificate(String name) {
        return name("type=Certificate,name=" + value(name));
    }

    /** {@code dev.radsec:type=TrustStore,name=<name>}: a {@link TrustStoreMXBean}. */
    public static ObjectName trustStore(String name) {
        return name("type=TrustStore,name=" + value(name));
    }

    /** {@code dev.radsec:type=CertificateAuthority}: the organisation CA's {@link CertificateAuthorityMXBean}. */
    public static ObjectName certificateAuthority() {
        return name("type=CertificateAuthority");
    }

    /** {@code dev.radsec:type=Listener,name=<name>}: a {@link ListenerMXBean}. */
    public static ObjectName listener(String name) {
        return name("type=Listener,name=" + value(name));
    }

    /** {@code dev.radsec:type=Incoming}: the {@link IncomingMXBean}. */
    public static ObjectName incoming() {
        return name("type=Incoming");
    }

    /** {@code dev.radsec:type=Destinations}: the {@link DestinationsMXBean}, creating and removing destinations. */
    public static ObjectName destinations() {
        return name("type=Destinations");
    }

    /** {@code dev.radsec:type=Relays}: the {@link RelaysMXBean}, creating and removing relays. */
    public static ObjectName relays() {
        return name("type=Relays");
    }

    /** {@code dev.radsec:type=Listeners}: the {@link ListenersMXBean}, creating and removing listeners. */
    public static ObjectName listeners() {
        return name("type=Listeners");
    }

    /** {@code dev.radsec:type=Certificates}: the {@link CertificatesMXBean}, creating and removing certificates. */
    public static ObjectName certificates() {
        return name("type=Certificates");
    }

    /** {@code dev.radsec:type=PreSharedKey,name=<name>}: a {@link PreSharedKeyMXBean}. */
    public static ObjectName preSharedKey(String name) {
        return name("type=PreSharedKey,name=" + value(name));
    }

    /** {@code dev.radsec:type=PreSharedKeys}: the {@link PreSharedKeysMXBean}, creating and removing pre-shared keys. */
    public static ObjectName preSharedKeys() {
        return name("type=PreSharedKeys");
    }

    /** {@code dev.radsec:type=TrustStores}: the {@link TrustStoresMXBean}, creating and removing trust stores. */
    public static ObjectName trustStores() {
        return name("type=TrustStores");
    }

    /** {@code dev.radsec:type=DevelopmentPki}: the {@link DevelopmentPkiMXBean} ({@code dev.radsec.pki.bootstrap}). */
    public static ObjectName developmentPki() {
        return name("type=DevelopmentPki");
    }

    /** {@code dev.radsec:type=Server}: the embedded demo server's {@link ServerMXBean} ({@code dev.radsec.server}). */
    public static ObjectName server() {
        return name("type=Server");
    }

    /** {@code dev.radsec:type=Dictionary}: the RADIUS dictionary's {@link DictionaryMXBean}. */
    public static ObjectName dictionary() {
        return name("type=Dictionary");
    }

    /** {@code dev.radsec:type=Rewrite,name=<name>}: a {@link RewriteMXBean}. @since 0.6 */
    public static ObjectName rewrite(String name) {
        return name("type=Rewrite,name=" + value(name));
    }

    /** {@code dev.radsec:type=Rewrites}: the {@link RewritesMXBean}, creating and removing rewrites. @since 0.6 */
    public static ObjectName rewrites() {
        return name("type=Rewrites");
    }

    /** Names are used as they are, and quoted only when they hold characters an ObjectName value cannot. */
    private static String value(String name) {
        return name.matches("[A-Za-z0-9._@-]+") ? name : ObjectName.quote(name);
    }

    private static ObjectName name(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
