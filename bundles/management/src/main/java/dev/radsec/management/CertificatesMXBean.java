package dev.radsec.management;

import java.util.Map;

/**
 * The local certificates as a whole, {@code dev.radsec:type=Certificates}: which are configured, and adding and
 * removing one. Each is then a {@link CertificateMXBean}.
 *
 * <p>A certificate created here is written to {@code etc/dev.radsec.pki.certificate-<name>.cfg} through
 * ConfigAdmin, exactly as if an operator had written the file (its name is the file's, so it needs no {@code name}
 * key), and is validated first the same way: a bad setting fails with an {@link IllegalArgumentException}
 * {@code key: reason}, and nothing is written. The password never appears in messages. Karaf's JMX ACL lets viewers
 * read {@code Names} and only admins create and remove.
 */
public interface CertificatesMXBean {
    /** The names of every configured certificate (usable or not), sorted. */
    String[] getNames();

    /**
     * Adds certificate {@code name} with these settings (cfg keys of {@code dev.radsec.pki.certificate}). Over JMX
     * the map is a TabularData of key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds certificate {@code name} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code certificate=radsec/certs/ap.crt private-key=radsec/certs/ap.key}.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes certificate {@code name}: its configuration and its file (not the certificate and key files it
     * names). Destinations and listeners that present it cannot connect until a certificate of that name exists
     * again.
     *
     * @throws IllegalArgumentException when no certificate {@code name} is configured
     */
    void remove(String name);
}
