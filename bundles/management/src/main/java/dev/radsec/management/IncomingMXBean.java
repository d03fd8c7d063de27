package dev.radsec.management;

/**
 * The incoming CoA/Disconnect listener ({@code dev.radsec.incoming}, like MikroTik {@code /radius incoming}),
 * {@code dev.radsec:type=Incoming}.
 */
public interface IncomingMXBean {
    /** Whether it listens ({@code accept = true}). */
    boolean isListening();

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
