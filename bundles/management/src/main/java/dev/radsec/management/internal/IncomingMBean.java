package dev.radsec.management.internal;

import dev.radsec.codec.PacketCode;
import dev.radsec.management.IncomingMXBean;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import java.util.function.ToLongFunction;

/**
 * {@link IncomingMXBean}: the counters of the transport's {@code incoming} listener here, the settings from
 * {@code dev.radsec.incoming} ({@link ConfiguredMBean}).
 */
final class IncomingMBean {
    /** The listener name of {@code dev.radsec.incoming}. */
    static final String LISTENER = "incoming";

    private final ListenerMonitor listeners;

    IncomingMBean(ListenerMonitor listeners) {
        this.listeners = listeners;
    }

    static IncomingMXBean create(ListenerMonitor listeners, ConfigurationStore store) {
        return ConfiguredMBean.create(IncomingMXBean.class, new IncomingMBean(listeners), store,
                ConfigurationKind.INCOMING, ConfigurationKind.INCOMING.noun());
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static java.util.function.Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(IncomingMXBean.class, IncomingMBean.class, store,
                ConfigurationKind.INCOMING);
    }

    private long count(ToLongFunction<ListenerStatistics> f) {
        return listeners.statistics(LISTENER).map(f::applyAsLong).orElse(0L);
    }

    public boolean isListening() {
        return listeners.statistics(LISTENER).isPresent();
    }

    public long getCoaReceived() {
        return count(s -> s.requests(PacketCode.COA_REQUEST));
    }

    public long getDisconnectReceived() {
        return count(s -> s.requests(PacketCode.DISCONNECT_REQUEST));
    }

    public long getAcks() {
        return getCoaAcks() + getDisconnectAcks();
    }

    public long getNaks() {
        return getCoaNaks() + getDisconnectNaks();
    }

    public long getCoaAcks() {
        return count(s -> s.responses(PacketCode.COA_ACK));
    }

    public long getCoaNaks() {
        return count(s -> s.responses(PacketCode.COA_NAK));
    }

    public long getDisconnectAcks() {
        return count(s -> s.responses(PacketCode.DISCONNECT_ACK));
    }

    public long getDisconnectNaks() {
        return count(s -> s.responses(PacketCode.DISCONNECT_NAK));
    }

    public long getUnknownClients() {
        return count(ListenerStatistics::unknownClients);
    }

    public long getBadAuthenticators() {
        return count(ListenerStatistics::badAuthenticators);
    }
}
