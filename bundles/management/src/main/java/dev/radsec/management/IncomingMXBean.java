package dev.radsec.management;

/**
 * The incoming CoA/Disconnect listener ({@code dev.radsec.incoming}, like MikroTik {@code /radius incoming}),
 * {@code dev.radsec:type=Incoming}: its counters and its settings.
 *
 * <p>Settings are the keys of {@code dev.radsec.incoming}, with the key's metatype as their JMX description. They
 * read as stored in {@code etc/dev.radsec.incoming.cfg}, else as their default, and are writable: a write goes
 * through ConfigAdmin into that file (created by the first write), validated as the file is (an invalid value fails
 * with {@code key: reason} and the running listener stays). The secret reads as {@code ******} when set and empty
 * when not.
 */
public interface IncomingMXBean {
    /** Whether it listens now. */
    boolean isListening();

    /** {@code accept}: whether to listen at all. */
    boolean isAccept();

    void setAccept(boolean accept);

    /** {@code address}: the address to bind. */
    String getAddress();

    void setAddress(String address);

    /** {@code port}: UDP, 3799 (RFC 5176). */
    int getPort();

    void setPort(int port);

    /** {@code clients}: networks allowed to send, each optionally with its secret (each secret reads ******; written back so, it stays). */
    String getClients();

    void setClients(String clients);

    /** {@code secret}: for networks listed without one. */
    String getSecret();

    void setSecret(String secret);

    long getCoaReceived();

    long getDisconnectReceived();

    /** CoA-ACK and Disconnect-ACK sent. */
    long getAcks();

    /** CoA-NAK and Disconnect-NAK sent. */
    long getNaks();

    long getCoaAcks();

    long getCoaNaks();

    long getDisconnectAcks();

    long getDisconnectNaks();

    /** Requests from outside the configured clients, dropped. */
    long getUnknownClients();

    /** Requests whose authenticator did not verify, dropped. */
    long getBadAuthenticators();
}
