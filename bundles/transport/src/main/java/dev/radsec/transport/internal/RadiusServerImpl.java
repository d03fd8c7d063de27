package dev.radsec.transport.internal;

import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.Scheduler;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStateListener;
import dev.radsec.transport.ListenerStatistics;
import dev.radsec.transport.RadiusRequestHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners (factory PID {@code dev.radsec.listener}) and the whiteboard of {@link RadiusRequestHandler}
 * services that answer their requests.
 */
@Component(service = {RadiusServerImpl.class, ListenerMonitor.class}, immediate = true)
public final class RadiusServerImpl implements ListenerMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RadiusServerImpl.class);

    @Reference
    private TransportContext context;
    /** True when this server made its context (plain Java), and so closes it. */
    private boolean ownsContext;
    private final Map<String, Running> byPid = new ConcurrentHashMap<>();
    private final UnknownKeyWarnings unknownKeys = new UnknownKeyWarnings();
    private final CopyOnWriteArrayList<Registered> handlers = new CopyOnWriteArrayList<>();
    /** The whiteboard's ListenerStateListener services, told in order off this thread. */
    private final ListenerStateListeners stateListeners = new ListenerStateListeners(() -> context.io);

    private record Running(ListenerSettings settings, Link.Acceptor listener, RequestDispatcher dispatcher) {
    }

    private record Registered(RadiusRequestHandler handler, String listener, int ranking) {
    }

    public RadiusServerImpl() {
    }

    /** Plain-Java use and tests. */
    public RadiusServerImpl(CredentialService pki, Dictionary dictionary, Scheduler timer) {
        this(pki, NoPreSharedKeys.INSTANCE, dictionary, timer);
    }

    /** Plain-Java use and tests, with pre-shared keys ({@code tls-psk}). */
    public RadiusServerImpl(CredentialService pki, PreSharedKeys psks, Dictionary dictionary, Scheduler timer) {
        this.context = new TransportContext(pki, psks, dictionary, timer);
        this.ownsContext = true;
    }

    @Deactivate
    public void close() {
        for (String pid : byPid.keySet()) {
            listenerRemoved(pid);
        }
        if (ownsContext) {
            context.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(RadiusRequestHandler handler, Map<String, Object> properties) {
        Object listener = properties.get(RadiusRequestHandler.LISTENER);
        Object ranking = properties.get("service.ranking");
        addHandler(handler, listener == null ? null : listener.toString(),
                ranking instanceof Integer ? (Integer) ranking : 0);
    }

    public void removeHandler(RadiusRequestHandler handler) {
        handlers.removeIf(r -> r.handler == handler);
    }

    /** Registers a handler for one listener ({@code null}: all), as the whiteboard does for services. */
    public void addHandler(RadiusRequestHandler handler, String listener, int ranking) {
        handlers.add(new Registered(handler, listener, ranking));
    }

    private RadiusRequestHandler handlerFor(String listener) {
        return handlers.stream().filter(r -> r.listener == null || r.listener.equals(listener))
                .max(Comparator.comparingInt(r -> r.ranking)).map(r -> r.handler).orElse(null);
    }

    /** Starts, or restarts with new settings, a listener. An invalid configuration leaves the running one. */
    public synchronized void listenerConfigured(String pid, Map<String, ?> properties)
            throws InvalidConfigurationException, IOException {
        ListenerSettings s = ListenerSettings.parse(properties);
        unknownKeys.warn(pid, s.unknownKeys);
        for (Map.Entry<String, Running> e : byPid.entrySet()) {
            if (e.getValue().settings.name.equals(s.name) && !e.getKey().equals(pid)) {
                throw new InvalidConfigurationException("name", "'" + s.name + "' is already a listener's name");
            }
        }
        context.pskDirections.claim(pid, PskDirections.Direction.INCOMING, s.tlsPsk);
        context.secrets.put(pid, s.clients.secrets());
        listenerRemoved(pid);
        RequestDispatcher dispatcher = new RequestDispatcher(s, context.dictionary, context.timer, this::handlerFor);
        Link.Acceptor acceptor = switch (s.protocol) {
            case UDP -> new UdpLinkAcceptor(s, context.timer);
            case DTLS -> new DtlsLinkAcceptor(s, context.pki, context.timer);
            case RADSEC -> new RadsecLinkAcceptor(s, context.pki, context.psks, context.secrets, context.timer, context.processors);
        };
        Link.Acceptor l;
        try {
            l = AcceptedLinks.listen(acceptor, s, dispatcher);
        } catch (IOException e) {
            stateListeners.stateChanged(s.name, ListenerStateListener.State.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
        byPid.put(pid, new Running(s, l, dispatcher));
        LOG.info("{} listening on {}", s, l.localAddress());
        stateListeners.stateChanged(s.name, ListenerStateListener.State.LISTENING,
                s.protocol.name().toLowerCase(java.util.Locale.ROOT) + " " + address(l.localAddress()));
    }

    public synchronized void listenerRemoved(String pid) {
        context.pskDirections.release(pid);
        context.secrets.remove(pid);
        Running r = byPid.remove(pid);
        if (r != null) {
            r.listener.close();
            r.dispatcher.close();
            LOG.info("{} stopped", r.settings);
            stateListeners.stateChanged(r.settings.name, ListenerStateListener.State.STOPPED, "stopped");
        }
    }

    /** Told when a listener starts, fails to bind or stops: the {@link ListenerStateListener} whiteboard. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addListenerStateListener(ListenerStateListener listener) {
        stateListeners.add(listener);
    }

    public void removeListenerStateListener(ListenerStateListener listener) {
        stateListeners.remove(listener);
    }

    private static String address(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Where the named listener is bound. */
    public Optional<InetSocketAddress> localAddress(String listenerName) {
        return byPid.values().stream().filter(r -> r.settings.name.equals(listenerName)).findFirst()
                .map(r -> r.listener.localAddress());
    }

    /** The named listener's counters per client network (CIDR, or "unknown"); empty when it does not run. */
    Map<String, RequestDispatcher.Counters> networkCounters(String listenerName) {
        return byPid.values().stream().filter(r -> r.settings.name.equals(listenerName)).findFirst()
                .map(r -> (Map<String, RequestDispatcher.Counters>) r.dispatcher.networks).orElse(Map.of());
    }

    @Override
    public List<String> listeners() {
        return byPid.values().stream().map(r -> r.settings.name).sorted().collect(Collectors.toList());
    }

    /** The named listener's counters. */
    @Override
    public Optional<ListenerStatistics> statistics(String listenerName) {
        return byPid.values().stream().filter(r -> r.settings.name.equals(listenerName)).findFirst().map(r -> {
            RequestDispatcher.Counters c = r.dispatcher.counters;
            return new ListenerStatistics(listenerName, c.requests.sum(), c.responses.sum(),
                    c.duplicates.sum(), c.unknownClients.sum(), c.badAuthenticators.sum(), c.malformed.sum(),
                    c.dropped.sum(), byCode(c.requestsByCode), byCode(c.responsesByCode), c.tlsRefused.sum(),
                    r.listener instanceof DtlsLinkAcceptor d ? d.statistics() : ListenerStatistics.Dtls.NONE);
        });
    }

    private static Map<PacketCode, Long> byCode(LongAdder[] counts) {
        Map<PacketCode, Long> out = new EnumMap<>(PacketCode.class);
        for (PacketCode code : PacketCode.values()) {
            long n = counts[code.code()].sum();
            if (n > 0) {
                out.put(code, n);
            }
        }
        return out;
    }
}
