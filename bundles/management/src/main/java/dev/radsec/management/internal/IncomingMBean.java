package dev.radsec.management.internal;

import dev.radsec.codec.PacketCode;
import dev.radsec.management.IncomingMXBean;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import java.util.function.ToLongFunction;

/** {@link IncomingMXBean} over the counters of the transport's {@code incoming} listener. */
final class IncomingMBean implements IncomingMXBean {
    /** The listener name of {@code dev.radsec.incoming}. */
    static final String LISTENER = "incoming";

    private final ListenerMonitor listeners;

    IncomingMBean(ListenerMonitor listeners) {
        this.listeners = listeners;
    }

    private long count(ToLongFunction<ListenerStatistics> f) {
        return listeners.statistics(LISTENER).map(f::applyAsLong).orElse(0L);
    }

    @Override
    public boolean isListening() {
        return listeners.statistics(LISTENER).isPresent();
    }

    @Override
    public long getCoaReceived() {
        return count(s -> s.requests(PacketCode.COA_REQUEST));
    }

    @Override
    public long getDisconnectReceived() {
        return count(s -> s.requests(PacketCode.DISCONNECT_REQUEST));
    }

    @Override
    public long getAcks() {
        return getCoaAcks() + getDisconnectAcks();
    }

    @Override
    public long getNaks() {
        return getCoaNaks() + getDisconnectNaks();
    }

    @Override
    public long getCoaAcks() {
        return count(s -> s.responses(PacketCode.COA_ACK));
    }

    @Override
    public long getCoaNaks() {
        return count(s -> s.responses(PacketCode.COA_NAK));
    }

    @Override
    public long getDisconnectAcks() {
        return count(s -> s.responses(PacketCode.DISCONNECT_ACK));
    }

    @Override
    public long getDisconnectNaks() {
        return count(s -> s.responses(PacketCode.DISCONNECT_NAK));
    }

    @Override
    public long getUnknownClients() {
        return count(ListenerStatistics::unknownClients);
    }

    @Override
    public long getBadAuthenticators() {
        return count(ListenerStatistics::badAuthenticators);
    }
}
