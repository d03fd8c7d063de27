package dev.radsec.management.internal;

import dev.radsec.management.ListenerMXBean;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import java.util.function.ToLongFunction;

/**
 * {@link ListenerMXBean}: one listener's counters from the transport's {@link ListenerMonitor} here, its settings from
 * its {@code dev.radsec.listener} configuration, when it is one ({@link ConfiguredMBean}).
 */
final class ListenerMBean {
    private final String name;
    private final ListenerMonitor listeners;

    ListenerMBean(String name, ListenerMonitor listeners) {
        this.name = name;
        this.listeners = listeners;
    }

    static ListenerMXBean create(String name, ListenerMonitor listeners, ConfigurationStore store) {
        return ConfiguredMBean.create(ListenerMXBean.class, new ListenerMBean(name, listeners), store,
                ConfigurationKind.LISTENER, name);
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static java.util.function.Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(ListenerMXBean.class, ListenerMBean.class, store,
                ConfigurationKind.LISTENER);
    }

    public String getName() {
        return name;
    }

    private long count(ToLongFunction<ListenerStatistics> f) {
        return listeners.statistics(name).map(f::applyAsLong).orElse(0L);
    }

    private long dtls(ToLongFunction<ListenerStatistics.Dtls> f) {
        return count(s -> f.applyAsLong(s.dtls()));
    }

    public long getRequests() {
        return count(ListenerStatistics::requests);
    }

    public long getResponses() {
        return count(ListenerStatistics::responses);
    }

    public long getDuplicates() {
        return count(ListenerStatistics::duplicates);
    }

    public long getUnknownClients() {
        return count(ListenerStatistics::unknownClients);
    }

    public long getBadAuthenticators() {
        return count(ListenerStatistics::badAuthenticators);
    }

    public long getMalformed() {
        return count(ListenerStatistics::malformed);
    }

    public long getDropped() {
        return count(ListenerStatistics::dropped);
    }

    public long getTlsRefused() {
        return count(ListenerStatistics::tlsRefused);
    }

    public long getDtlsSessions() {
        return dtls(ListenerStatistics.Dtls::sessions);
    }

    public long getDtlsHandshakes() {
        return dtls(ListenerStatistics.Dtls::handshakes);
    }

    public long getDtlsRetransmissions() {
        return dtls(ListenerStatistics.Dtls::retransmissions);
    }

    public long getDtlsCookies() {
        return dtls(ListenerStatistics.Dtls::cookies);
    }

    public long getDtlsCookieFailures() {
        return dtls(ListenerStatistics.Dtls::cookieFailures);
    }

    public long getDtlsDropped() {
        return dtls(ListenerStatistics.Dtls::dropped);
    }
}
