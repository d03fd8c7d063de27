package dev.radsec.management;

/**
 * The embedded demo server ({@code dev.radsec.server}, feature {@code radsec-server}), {@code dev.radsec:type=Server}:
 * registered while that feature runs.
 *
 * <p>Settings are the keys of {@code dev.radsec.server}, with the key's metatype as their JMX description. They read
 * as stored in {@code etc/dev.radsec.server.cfg}, else as their default, and are writable: a write goes through
 * ConfigAdmin into that file, validated as the file is (an invalid value fails with an
 * {@link IllegalArgumentException} {@code key: reason} and the server in use stays). The server answers only while
 * that file exists ({@link #isConfigured()}).
 */
public interface ServerMXBean {
    /** Whether {@code dev.radsec.server} is configured, so that the server answers. */
    boolean isConfigured();

    /** {@code users}: the users file, relative to {@code etc/} unless absolute (made with demo users when missing). */
    String getUsers();

    void setUsers(String users);

    /** {@code listener}: the name of the {@code dev.radsec.listener} whose requests it answers. */
    String getListener();

    void setListener(String listener);
}
