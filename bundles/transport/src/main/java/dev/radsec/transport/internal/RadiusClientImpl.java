package dev.radsec.transport.internal;

import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.Scheduler;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DynamicRequestHandler;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.QueueFullException;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.UdpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link RadiusClient} service: one {@link DestinationClient} per configured destination. */
@Component(service = {RadiusClient.class, RadiusClientImpl.class}, immediate = true)
public final class RadiusClientImpl implements RadiusClient {
    private static final Logger LOG = LoggerFactory.getLogger(RadiusClientImpl.class);

    @Reference
    private TransportContext context;
    /** True when this client made its context (plain Java), and so closes it. */
    private boolean ownsContext;
    /** By configuration PID, and by destination id. */
    private final Map<String, Destination> byPid = new ConcurrentHashMap<>();
    private final Map<Integer, Destination> byId = new ConcurrentHashMap<>();
    /** A destination's settings by id, for failover lists; one function, not a new lambda per request. */
    private final java.util.function.IntFunction<DestinationSettings> settingsById = id -> {
        Destination d = byId.get(id);
        return d == null ? null : d.settings;
    };
    /**
     * Configurations refused because another one holds their id, by PID, in the order they came: the first of them
     * is applied when that id is free again (ConfigAdmin delivers files in no particular order, and an operator who
     * removes the older file expects the other one to run).
     */
    private final Map<String, Map<String, ?>> waitingForId = new java.util.LinkedHashMap<>();
    private final UnknownKeyWarnings unknownKeys = new UnknownKeyWarnings();
    /** The whiteboard's DynamicRequestHandler services, highest service.ranking first. */
    private final DynamicRequestHandlers dynamicRequestHandlers = new DynamicRequestHandlers();
    /** The whiteboard's DestinationStateListener services, told in order off the destinations' threads. */
    private final DestinationStateListeners stateListeners = new DestinationStateListeners(() -> context.io);
    /** UDP servers named by address (NAS devices that dynamic requests go to, logins): not configured destinations. */
    private UdpServerClients udpServers;

    private record Destination(String pid, DestinationSettings settings, DestinationClient client, AutoCloseable links) {
    }

    /**
     * Make before break: by destination id, the configuration that still takes the requests while the one that
     * replaced it, needing new connections, has not come up yet. A server that refuses the new connection for a
     * while (stock FreeRADIUS counts a closed TLS connection against its 16 per client until its queued requests
     * are done) then costs no request.
     */
    private final Map<Integer, Destination> serving = new ConcurrentHashMap<>();
    /** How long the old configuration serves at most while the new one cannot connect; then the new one applies. */
    static final java.time.Duration HANDOVER_LIMIT = java.time.Duration.ofSeconds(30);

    public RadiusClientImpl() {
    }

    /** Plain-Java use and tests. */
    public RadiusClientImpl(CredentialService pki, Dictionary dictionary, Scheduler timer) {
        this(pki, NoPreSharedKeys.INSTANCE, dictionary, timer);
    }

    /** Plain-Java use and tests, with pre-shared keys ({@code tls-psk}). */
    public RadiusClientImpl(CredentialService pki, PreSharedKeys psks, Dictionary dictionary, Scheduler timer) {
        this.context = new TransportContext(pki, psks, dictionary, timer);
        this.ownsContext = true;
        activate();
    }

    @Activate
    void activate() {
        udpServers = new UdpServerClients(context.timer.clock());
    }

    @Deactivate
    void deactivate() {
        for (String pid : new ArrayList<>(byPid.keySet())) {
            destinationRemoved(pid);
        }
        udpServers.closeAll();
        if (ownsContext) {
            context.close();
        }
    }

    /**
     * Applies a destination configuration. An invalid one is rejected with the key and reason, and the running
     * configuration of that PID stays.
     */
    public synchronized void destinationConfigured(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        DestinationSettings s = DestinationSettings.parse(properties);
        unknownKeys.warn(pid, s.unknownKeys);
        Destination owner = byId.get(s.id);
        if (owner != null && !owner.pid.equals(pid)) {
            waitingForId.put(pid, new java.util.HashMap<>(properties));
            throw new InvalidConfigurationException("id", s.id + " is already the id of " + owner.pid
                    + " (this configuration is applied once that id is free)");
        }
        waitingForId.remove(pid);
        context.pskDirections.claim(pid, PskDirections.Direction.OUTGOING,
                s.tlsPsk == null ? List.of() : List.of(s.tlsPsk));
        context.secrets.put(pid, List.of(s.secret()));
        Destination old = byPid.get(pid);
        if (old != null && old.settings.id == s.id && !s.needsReconnect(old.settings)) {
            // timeouts, retries, buffers, watchdog: at once, on the links there are
            old.client.update(s);
            Destination d = new Destination(pid, s, old.client, old.links);
            byPid.put(pid, d);
            byId.put(s.id, d);
            LOG.info("Destination {} updated: {}", s.id, s);
            return;
        }
        Link.Factory links;
        AutoCloseable closer;
        if (s.protocol == DestinationSettings.Protocol.RADSEC) {
            RadsecLinkFactory f = new RadsecLinkFactory(s, context.pki, context.psks, context.secrets, context.timer, context.processors);
            links = f;
            closer = f;
        } else if (s.protocol == DestinationSettings.Protocol.DTLS) {
            DtlsLinkFactory f = new DtlsLinkFactory(s, context.pki, context.timer);
            links = f;
            closer = f;
        } else {
            UdpLinkFactory f = new UdpLinkFactory(s);
            links = f;
            closer = f;
        }
        DestinationClient client = new DestinationClient(s, context.dictionary, context.timer, links, context.io);
        client.router(dynamicRequestHandlers);
        Destination d = new Destination(pid, s, client, closer);
        boolean freed = old != null && old.settings.id != s.id;
        if (freed) {
            byId.remove(old.settings.id, old);
            stateListeners.forget(old.settings.id);
        }
        // the configuration that takes requests until this one is up: the one before, if it is up and keeps its id
        Destination predecessor = freed || old == null ? null : serving.getOrDefault(s.id, old);
        if (predecessor != null && predecessor.client.statistics().state() == DestinationStatistics.State.UP) {
            makeBeforeBreak(predecessor, d);
        } else {
            predecessor = null;
            client.stateListener(stateListeners);
        }
        // replaced in one step: a send at this moment finds the old destination or the new one, never none
        byPid.put(pid, d);
        byId.put(s.id, d);
        client.start();
        if (old != null && old != predecessor) {
            // address, certificate or TLS settings changed: new links; the old ones finish what they carry (or
            // it is a replaced configuration that never came up, whose queue moves on)
            old.client.retire(client, () -> closeQuietly(old.links));
        }
        if (predecessor != null) {
            LOG.info("Destination {} reconfigured: {}; the old connection serves until the new one is up", s.id, s);
        } else if (old != null) {
            LOG.info("Destination {} reconfigured: {}; the old connection drains", s.id, s);
        } else {
            LOG.info("Destination {} configured: {}", s.id, s);
        }
        if (freed) {
            applyWaiting(old.settings.id);
        }
    }

    /**
     * Lets {@code from}, the configuration before, take the requests until {@code to} is up ({@link #serving}): the
     * state listeners hear {@code from} meanwhile, and {@link #handOver} ends it when {@code to} comes up, when
     * {@code from} goes down, or after {@link #HANDOVER_LIMIT}.
     */
    private void makeBeforeBreak(Destination from, Destination to) {
        int destination = to.settings.id;
        serving.put(destination, from);
        to.client.stateListener((id, previous, current, reason) -> {
            if (serving.get(id) != from) {
                stateListeners.stateChanged(id, previous, current, reason);
            } else if (current == DestinationStatistics.State.UP) {
                context.io.execute(() -> handOver(id, from, to, "the new connection is up"));
            } // while the old configuration serves, the new one's attempts are no state of the destination
        });
        from.client.stateListener((id, previous, current, reason) -> {
            stateListeners.stateChanged(id, previous, current, reason);
            if (current != DestinationStatistics.State.UP) {
                context.io.execute(() -> handOver(id, from, to, "the old connection is " + current));
            }
        });
        context.timer.schedule(HANDOVER_LIMIT, () -> handOver(destination, from, to,
                "the new connection is not up after " + HANDOVER_LIMIT.toSeconds() + " s"));
    }

    /**
     * Ends make before break for {@code id} once: {@code to} takes the requests from now on, and {@code from} finishes
     * what it carries and closes. Nothing happens when another configuration came in between.
     */
    private synchronized void handOver(int id, Destination from, Destination to, String why) {
        // off the destinations' monitors (called through the I/O executor or the timer), so no lock order between them
        if (byId.get(id) != to || !serving.remove(id, from)) {
            return;
        }
        to.client.stateListener(stateListeners);
        from.client.retire(to.client, () -> closeQuietly(from.links));
        DestinationStatistics.State now = to.client.statistics().state();
        if (now != DestinationStatistics.State.UP) {
            stateListeners.stateChanged(id, DestinationStatistics.State.UP, now, why);
        }
        LOG.info("Destination {}: {}; the new configuration takes the requests, the old connection drains", id, why);
    }

    /** The client that takes requests for {@code d} now: its predecessor while make before break lasts. */
    private DestinationClient sender(Destination d) {
        Destination old = serving.get(d.settings.id);
        return old != null ? old.client : d.client;
    }

    /** Applies the first configuration that waits for {@code id}, now free. */
    private void applyWaiting(int id) {
        for (Map.Entry<String, Map<String, ?>> w : new ArrayList<>(waitingForId.entrySet())) {
            if (String.valueOf(id).equals(String.valueOf(w.getValue().get("id")).trim())) {
                waitingForId.remove(w.getKey());
                try {
                    destinationConfigured(w.getKey(), w.getValue());
                    LOG.info("Configuration {} applied: destination id {} is free now", w.getKey(), id);
                } catch (InvalidConfigurationException e) {
                    LOG.error("Configuration {} rejected, now that id {} is free: {}", w.getKey(), id, e.getMessage());
                }
                return;
            }
        }
    }

    public synchronized void destinationRemoved(String pid) {
        waitingForId.remove(pid);
        context.pskDirections.release(pid);
        context.secrets.remove(pid);
        Destination d = byPid.remove(pid);
        if (d != null) {
            Destination old = serving.remove(d.settings.id);
            if (old != null) {
                old.client.close("was removed");
                closeQuietly(old.links);
            }
            byId.remove(d.settings.id, d);
            stateListeners.forget(d.settings.id);
            d.client.close("was removed");
            closeQuietly(d.links);
            applyWaiting(d.settings.id);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing", e);
        }
    }

    @Override
    public CompletionStage<RadiusPacket> send(int destinationId, RadiusPacket request) {
        Destination d = byId.get(destinationId);
        if (d == null) {
            return CompletableFuture.failedFuture(new DestinationUnavailableException(destinationId,
                    "no destination with id " + destinationId));
        }
        return sender(d).submit(request);
    }

    @Override
    public CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request) {
        return send(destinationIds, request, null);
    }

    /** @param service null: any */
    @Override
    public CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request, Service service) {
        return send(destinationIds, request, service, null);
    }

    /** @param service null: any; @param rewrites null: the destinations' rewrite keys are not applied */
    @Override
    public CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request, Service service,
                                              Rewrites rewrites) {
        if (destinationIds.isEmpty()) {
            throw new IllegalArgumentException("no destinations to send to");
        }
        List<Integer> order = FailoverOrder.of(destinationIds, request, service, settingsById);
        if (order.isEmpty()) {
            return CompletableFuture.failedFuture(new DestinationUnavailableException(destinationIds.get(0),
                    "no destination of " + destinationIds + " takes this " + request.code()
                    + (service == null ? "" : " for " + service)
                    + " (disabled, service, called-id or accounting-backup)"));
        }
        return sendFrom(order, 0, request, rewrites);
    }

    /**
     * Tries each destination in turn while it is unavailable or full; a timeout is final. With {@code rewrites}, a
     * destination's {@code rewrite-out} makes the request it gets, and its {@code rewrite-in} the answer taken from it.
     */
    private CompletionStage<RadiusPacket> sendFrom(List<Integer> ids, int index, RadiusPacket request,
                                                   Rewrites rewrites) {
        int id = ids.get(index);
        Destination d = rewrites == null ? null : byId.get(id);
        DestinationSettings s = d == null ? null : d.settings;
        List<String> rewriteIn = s == null ? List.of() : s.rewriteIn;
        CompletionStage<RadiusPacket> sent;
        if (s != null && !s.rewriteOut.isEmpty()) {
            RadiusPacket out;
            try {
                out = rewrites.request(id, s.rewriteOut, request);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            sent = out != null ? d.client.submit(out) : CompletableFuture.failedFuture(
                    new DestinationUnavailableException(id, "its rewrite-out " + s.rewriteOut
                            + " names a rewrite that is not configured"));
        } else {
            sent = d != null ? d.client.submit(request) : send(id, request); // one lookup per try
        }
        return sent.handle((response, failure) -> {
            if (failure == null) {
                return rewriteIn.isEmpty() ? CompletableFuture.completedFuture(response) : rewritten(id, rewriteIn,
                        response, rewrites);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            boolean failover = cause instanceof DestinationUnavailableException || cause instanceof QueueFullException;
            if (failover && index + 1 < ids.size()) {
                return sendFrom(ids, index + 1, request, rewrites);
            }
            return CompletableFuture.<RadiusPacket>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    /** The answer of {@code id} through its {@code rewrite-in}; dropped (no failover: it was processed) when refused. */
    private static CompletionStage<RadiusPacket> rewritten(int id, List<String> rewriteIn, RadiusPacket response,
                                                           Rewrites rewrites) {
        RadiusPacket taken;
        try {
            taken = rewrites.response(id, rewriteIn, response);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return taken != null ? CompletableFuture.completedFuture(taken) : CompletableFuture.failedFuture(
                new DestinationUnavailableException(id, "its answer was dropped: its rewrite-in " + rewriteIn
                        + " names a rewrite that is not configured"));
    }

    @Override
    public Optional<Map<String, String>> configuration(int destinationId) {
        return Optional.ofNullable(byId.get(destinationId)).map(d -> d.settings.effective());
    }

    @Override
    public boolean resetStatistics(int destinationId) {
        Destination d = byId.get(destinationId);
        if (d != null) {
            d.client.resetStatistics();
        }
        return d != null;
    }

    @Override
    public boolean reconnect(int destinationId) {
        Destination d = byId.get(destinationId);
        if (d != null) {
            d.client.reconnect("requested");
        }
        return d != null;
    }

    @Override
    public void validateDestination(Map<String, ?> properties) {
        try {
            DestinationSettings.parse(properties);
        } catch (InvalidConfigurationException e) {
            // no cause: the exception may travel to a remote JMX client, which has none of our classes
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Where dynamic requests from RadSec servers go: the relay's {@link DynamicRequestHandler} service. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addDynamicRequestHandler(DynamicRequestHandler handler, Map<String, Object> properties) {
        Object ranking = properties.get("service.ranking");
        dynamicRequestHandlers.add(handler, ranking instanceof Integer ? (Integer) ranking : 0);
    }

    public void removeDynamicRequestHandler(DynamicRequestHandler handler) {
        dynamicRequestHandlers.remove(handler);
    }

    /** Told of every configured destination's state changes: the {@link DestinationStateListener} whiteboard. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addDestinationStateListener(DestinationStateListener listener) {
        stateListeners.add(listener);
    }

    public void removeDestinationStateListener(DestinationStateListener listener) {
        stateListeners.remove(listener);
    }

    @Override
    public CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request) {
        return udpServers.get(server, k -> {
            Map<String, String> p = new java.util.HashMap<>();
            p.put("id", "65535");
            p.put("protocol", "udp");
            p.put("address", server.address().getAddress().getHostAddress());
            p.put("port", String.valueOf(server.address().getPort()));
            p.put("accounting-port", String.valueOf(server.address().getPort()));
            p.put("secret", server.secret());
            p.put("timeout", server.timeout().toMillis() + "ms");
            p.put("retries", String.valueOf(server.retries()));
            p.put("require-message-auth", server.requireMessageAuth().toString());
            p.put("status-server", "0");
            try {
                DestinationSettings s = DestinationSettings.parse(p);
                UdpLinkFactory links = new UdpLinkFactory(s);
                DestinationClient created = new DestinationClient(s, context.dictionary, context.timer, links, context.io);
                created.keepUpOnTimeouts();
                created.start();
                return new UdpServerClients.Entry(created, links);
            } catch (InvalidConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }).submit(request);
    }

    @Override
    public Optional<DestinationStatistics> statistics(int destinationId) {
        Destination d = byId.get(destinationId);
        return d == null ? Optional.empty() : Optional.of(sender(d).statistics());
    }

    @Override
    public List<Integer> destinations() {
        List<Integer> ids = new ArrayList<>(byId.keySet());
        ids.sort(null);
        return ids;
    }

    /** Stops everything; for plain-Java use. */
    public void close() {
        deactivate();
    }
}
