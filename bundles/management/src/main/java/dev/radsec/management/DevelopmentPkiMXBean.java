package dev.radsec.management;

/**
 * The development PKI ({@code dev.radsec.pki.bootstrap}), {@code dev.radsec:type=DevelopmentPki}: on a development
 * install, an organisation CA and a server and a client certificate made when missing, never overwritten.
 *
 * <p>Settings are the keys of {@code dev.radsec.pki.bootstrap} ({@code CaSubject} is {@code ca-subject}), with the
 * key's metatype as their JMX description. They read as stored in {@code etc/dev.radsec.pki.bootstrap.cfg}, else
 * as their default, and are writable: a write goes through ConfigAdmin into that file, validated as the file is (an
 * invalid value fails with an {@link IllegalArgumentException} {@code key: reason} and nothing changes). The PKI
 * makes the missing material only while that file exists ({@link #isConfigured()}): the first write creates it, and
 * so makes what is missing.
 */
public interface DevelopmentPkiMXBean {
    /** Whether {@code dev.radsec.pki.bootstrap} is configured, so that the PKI makes missing material. */
    boolean isConfigured();

    /** {@code ca-subject}: the subject of the CA, when one is made (an RFC 4514 distinguished name). */
    String getCaSubject();

    void setCaSubject(String subject);

    /** {@code server-name}: the DNS name of the server certificate (which also holds 127.0.0.1 and ::1). */
    String getServerName();

    void setServerName(String name);

    /** {@code client-name}: the common name of the client certificate. */
    String getClientName();

    void setClientName(String name);

    /** {@code directory}: where server.crt/.key and client.crt/.key go, relative to {@code etc/} unless absolute. */
    String getDirectory();

    void setDirectory(String directory);
}
