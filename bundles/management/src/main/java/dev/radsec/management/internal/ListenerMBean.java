package dev.radsec.management.internal;

import dev.radsec.management.ListenerMXBean;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import java.util.function.ToLongFunction;

/** {@link ListenerMXBean} over one listener's counters from the transport's {@link ListenerMonitor}. */
final class ListenerMBean implements ListenerMXBean {
    private final String name;
    private final ListenerMonitor listeners;

    ListenerMBean(String name, ListenerMonitor listeners) {
        this.name = name;
        this.listeners = listeners;
    }

    private long count(ToLongFunction<ListenerStatistics> f) {
        return listeners.statistics(name).map(f::applyAsLong).orElse(0L);
    }

    private long dtls(ToLongFunction<ListenerStatistics.Dtls> f) {
        return count(s -> f.applyAsLong(s.dtls()));
    }

    @Override
    public long getRequests() {
        return count(ListenerStatistics::requests);
    }

    @Override
    public long getResponses() {
        return count(ListenerStatistics::responses);
    }

    @Override
    public long getDuplicates() {
        return count(ListenerStatistics::duplicates);
    }

    @Override
    public long getUnknownClients() {
        return count(ListenerStatistics::unknownClients);
    }

    @Override
    public long getBadAuthenticators() {
        return count(ListenerStatistics::badAuthenticators);
    }

    @Override
    public long getMalformed() {
        return count(ListenerStatistics::malformed);
    }

    @Override
    public long getDropped() {
        return count(ListenerStatistics::dropped);
    }

    @Override
    public long getTlsRefused() {
        return count(ListenerStatistics::tlsRefused);
    }

    @Override
    public long getDtlsSessions() {
        return dtls(ListenerStatistics.Dtls::sessions);
    }

    @Override
    public long getDtlsHandshakes() {
        return dtls(ListenerStatistics.Dtls::handshakes);
    }

    @Override
    public long getDtlsRetransmissions() {
        return dtls(ListenerStatistics.Dtls::retransmissions);
    }

    @Override
    public long getDtlsCookies() {
        return dtls(ListenerStatistics.Dtls::cookies);
    }

    @Override
    public long getDtlsCookieFailures() {
        return dtls(ListenerStatistics.Dtls::cookieFailures);
    }

    @Override
    public long getDtlsDropped() {
        return dtls(ListenerStatistics.Dtls::dropped);
    }
}
