package dev.radsec.relay.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.ClientNetwork;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusServer;
import dev.radsec.transport.RequestContext;
import dev.radsec.transport.UdpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay: relays NAS requests to destinations. The listener has verified the request with the NAS's secret and
 * will sign the answer for the NAS; the transport signs the forwarded request for the destination (new Identifier
 * and authenticator, hidden attributes re-hidden, Message-Authenticator recomputed). Proxy-State travels with the
 * request and comes back in the answer (RFC 2865 section 5.33).
 *
 * <p>Rewrites, on the decoded packets (the signing for the next hop comes after): a request gets the relay's
 * {@code rewrite-in}, is routed, gets its realm's {@code realm-rewrites}, and each destination tried applies its
 * {@code rewrite-out} to what it is sent; an answer gets its destination's {@code rewrite-in}, the realm's rewrites
 * and the relay's {@code rewrite-out}. A rewrite named but not there drops the packet.
 */
final class RelayHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);
    private static final int MAX_NAS_IDENTIFIERS = 65536;
    /** RFC 5176 towards a NAS: 3 s per try, 3 retries, like radclient. */
    private static final Duration NAS_TIMEOUT = Duration.ofSeconds(3);

    private final RelaySettings settings;
    private final RadiusClient client;
    private final AtomicBoolean outage = new AtomicBoolean();
    final LongAdder statusServer = new LongAdder();
    private final Map<String, NetworkCounters> networks = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> nasIdentifiers = new ConcurrentHashMap<>();
    /** The relay's listeners, once open: where its client networks and their counters are. */
    private volatile List<RadiusServer.Listening> listening = List.of();

    private final DestinationStates states;
    private final AccountingSpools spools;
    private final Balancer balancer;
    private final Shares shares;
    private final RewriteUse rewriteIn;
    private final RewriteUse rewriteOut;
    /** Realm (as {@link RelaySettings#rewriteRealm} names it) to its rewrites; empty: none. */
    private final Map<String, RewriteUse> realmRewrites;
    /** What destinations' rewrite keys resolve through; null without rewrites. */
    private final RadiusClient.Rewrites destinationRewrites;

    /** Plain-Java use and tests: the destinations' states as {@code client} has them now, no accounting spool. */
    RelayHandler(RelaySettings settings, RadiusClient client) {
        this(settings, client, new DestinationStates(), null);
    }

    /** Without an accounting spool. */
    RelayHandler(RelaySettings settings, RadiusClient client, DestinationStates states) {
        this(settings, client, states, null);
    }

    /**
     * @param states the destinations' states, kept up to date by the transport's events
     * @param spools where Accounting-Requests no destination takes are kept; null: none, they go unanswered
     */
    RelayHandler(RelaySettings settings, RadiusClient client, DestinationStates states, AccountingSpools spools) {
        this(settings, client, states, spools, null);
    }

    /** @param rewrites where the rewrites named by the relay and its destinations are; null: none applies */
    RelayHandler(RelaySettings settings, RadiusClient client, DestinationStates states, AccountingSpools spools,
                 RewriteRegistry rewrites) {
        this.settings = settings;
        this.rewriteIn = use(rewrites, settings.rewriteIn, "rewrite-in of relay " + settings.name);
        this.rewriteOut = use(rewrites, settings.rewriteOut, "rewrite-out of relay " + settings.name);
        Map<String, RewriteUse> realms = new java.util.HashMap<>();
        settings.realmRewrites.forEach((realm, names) -> realms.put(realm, use(rewrites, names,
                "realm-rewrites " + realm + " of relay " + settings.name)));
        this.realmRewrites = Map.copyOf(realms);
        this.destinationRewrites = rewrites == null ? null : rewrites.destinations();
        this.client = client;
        this.states = states;
        this.spools = spools;
        states.seed(client, settings.allDestinations());
        this.balancer = new Balancer(settings, states);
        this.shares = new Shares(settings.allDestinations());
    }

    private static RewriteUse use(RewriteRegistry rewrites, List<String> names, String where) {
        if (names.isEmpty()) {
            return RewriteUse.NONE;
        }
        if (rewrites == null) {
            throw new IllegalStateException(where + " names rewrites, and this relay has none to apply");
        }
        return new RewriteUse(rewrites.chain(names), where);
    }

    String name() {
        return settings.name;
    }

    RelaySettings settings() {
        return settings;
    }

    void listening(List<RadiusServer.Listening> listeners) {
        this.listening = List.copyOf(listeners);
    }

    List<RadiusServer.Listening> listening() {
        return listening;
    }

    /** Requests sent to each destination first, by id. */
    Map<Integer, Long> shares() {
        return shares.snapshot();
    }

    /** Counters of one client network that only the relay knows; the listener counts the rest. */
    static final class NetworkCounters {
        final LongAdder forwarded = new LongAdder();
        final LongAdder noDestination = new LongAdder();
    }

    NetworkCounters network(String cidr) {
        return networks.computeIfAbsent(cidr, k -> new NetworkCounters());
    }

    /** A NAS that owns a session: its address and the client network (with the secret) it lies in. */
    record Nas(InetAddress address, ClientNetwork network) {
    }

    /**
     * The NAS a dynamic request from a RadSec server is for: NAS-IP-Address (or NAS-IPv6-Address) when it lies in
     * this relay's client networks; otherwise the address its NAS-Identifier last sent a request from.
     *
     * @return null when neither names a NAS of this relay
     */
    Nas nasFor(RadiusPacket request) {
        InetAddress address = request.first("NAS-IP-Address").or(() -> request.first("NAS-IPv6-Address"))
                .map(Attribute::asInetAddress).orElse(null);
        if (address == null) {
            address = request.first("NAS-Identifier").map(a -> nasIdentifiers.get(a.asString())).orElse(null);
        }
        if (address == null) {
            return null;
        }
        InetAddress nas = address;
        return listening.stream().map(l -> l.client(nas)).flatMap(Optional::stream).findFirst()
                .map(network -> new Nas(nas, network)).orElse(null);
    }

    /** Sends a dynamic request to its NAS on {@code coa-port}, signed with the NAS's secret; null when it does not answer. */
    CompletionStage<RadiusPacket> forwardToNas(Nas nas, RadiusPacket request) {
        RadiusPacket forward = request.toBuilder().authenticator(null).build();
        UdpServer target = new UdpServer(new InetSocketAddress(nas.address, settings.coaPort), nas.network.secret(),
                NAS_TIMEOUT, 3, RequireMessageAuth.FALSE);
        return client.send(target, forward).handle((answer, failure) -> failure == null ? answer : null);
    }

    /** Remembers which address a NAS-Identifier sends from, for dynamic requests that name only the identifier. */
    private void learn(RequestContext context, RadiusPacket request) {
        Optional<Attribute> identifier = request.first("NAS-Identifier");
        if (identifier.isPresent()) {
            String id = identifier.get().asString();
            InetAddress from = context.remote().getAddress();
            if (!from.equals(nasIdentifiers.get(id))) {
                if (nasIdentifiers.size() >= MAX_NAS_IDENTIFIERS) {
                    nasIdentifiers.clear(); // bounded: a flood of made-up identifiers cannot grow it forever
                }
                nasIdentifiers.put(id, from);
            }
        }
    }

    /**
     * Handles a request of one of the relay's listeners.
     *
     * @param accounting whether it came in on the accounting port, which answers Status-Server with
     *                   Accounting-Response (RFC 5997 section 4)
     */
    CompletionStage<RadiusPacket> handle(RequestContext context, RadiusPacket request, boolean accounting) {
        if (request.code() == PacketCode.STATUS_SERVER) {
            // RFC 5997 section 3: answered here, never proxied.
            statusServer.increment();
            return CompletableFuture.completedFuture(RadiusPacket.builder(
                    accounting ? PacketCode.ACCOUNTING_RESPONSE : PacketCode.ACCESS_ACCEPT, request.dictionary()).build());
        }
        learn(context, request);
        NetworkCounters counters = network(context.clientNetwork());
        RadiusPacket arrived = rewriteIn.isEmpty() ? request : rewriteIn.apply(request);
        if (arrived == null) {
            return CompletableFuture.completedFuture(null); // its policy is not there: not relayed
        }
        String userName = arrived.first("User-Name").map(Attribute::asString).orElse(null);
        // routing reads the name as it arrived; realm-append changes only what is forwarded
        List<Integer> route = settings.route(userName);
        RewriteUse realm = realmRewrites.isEmpty() ? RewriteUse.NONE
                : realmRewrites.getOrDefault(settings.rewriteRealm(userName), RewriteUse.NONE);
        RadiusPacket policed = realm.isEmpty() ? arrived : realm.apply(arrived);
        if (policed == null) {
            return CompletableFuture.completedFuture(null);
        }
        RadiusPacket forward = forwardable(policed, userName, settings.forwardedUserName(userName));
        if (spools != null && request.code() == PacketCode.ACCOUNTING_REQUEST && !route.isEmpty()
                && spools.storing()) {
            return accounting(route, arrived, forward, counters).thenApply(answer -> toNas(answer, realm));
        }
        return send(route, arrived, forward).handle((response, failure) -> {
            if (failure == null) {
                return toNas(answered(route, response, counters), realm);
            }
            unanswered(route, failure, counters);
            if (request.code() == PacketCode.ACCESS_REQUEST && settings.rejectWhenUnavailable) {
                return toNas(RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build(), realm);
            }
            return null; // no answer: the NAS retries or fails over
        });
    }

    /** An answer as it leaves for the NAS: through the realm's rewrites, then the relay's rewrite-out; null: none. */
    private RadiusPacket toNas(RadiusPacket answer, RewriteUse realm) {
        RadiusPacket a = answer;
        if (a != null && !realm.isEmpty()) {
            a = realm.apply(a);
        }
        if (a != null && !rewriteOut.isEmpty()) {
            a = rewriteOut.apply(a);
        }
        return a;
    }

    /** Sends along the route, in the order balancing gives it for this request (keyed on it as the NAS sent it). */
    private CompletionStage<RadiusPacket> send(List<Integer> route, RadiusPacket request, RadiusPacket forward) {
        List<Integer> order = balancer.order(route, request);
        shares.count(order, states);
        // Service.RELAY: destinations whose service leaves out relay are skipped; the order stays
        return relay(order, forward);
    }

    /** Sends along {@code order}, each destination's rewrite keys applied when there are rewrites. */
    private CompletionStage<RadiusPacket> relay(List<Integer> order, RadiusPacket forward) {
        return destinationRewrites == null ? client.send(order, forward, RadiusClient.Service.RELAY)
                : client.send(order, forward, RadiusClient.Service.RELAY, destinationRewrites);
    }

    private RadiusPacket answered(List<Integer> route, RadiusPacket response, NetworkCounters counters) {
        counters.forwarded.increment();
        if (outage.compareAndSet(true, false)) {
            LOG.info("Relay {}: destinations {} answer again", settings.name, route);
        }
        // As it is: the listener gives it the NAS's Identifier and signs it for the NAS.
        return response;
    }

    private void unanswered(List<Integer> route, Throwable failure, NetworkCounters counters) {
        counters.noDestination.increment();
        if (outage.compareAndSet(false, true)) {
            // Once per outage, not once per packet.
            LOG.warn("Relay {}: no destination of {} answers: {}", settings.name, route,
                    failure instanceof java.util.concurrent.CompletionException ? failure.getCause().getMessage()
                            : failure.getMessage());
        }
    }

    /**
     * An Accounting-Request with the spool on: behind the requests the route's spool holds, it is stored too (sent
     * live it could overtake them); otherwise it is sent, and stored when no destination takes it. Stored, it is
     * answered to the NAS; not stored (full), it is not, as without a spool.
     */
    private CompletionStage<RadiusPacket> accounting(List<Integer> route, RadiusPacket request, RadiusPacket forward,
                                                     NetworkCounters counters) {
        AccountingSpool spool = spools.route(route);
        long receivedAt = spools.clock().millis();
        if (spool.waiting()) {
            return stored(spool, request, forward, receivedAt);
        }
        return send(route, request, forward).handle((response, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answered(route, response, counters));
            }
            unanswered(route, failure, counters);
            return stored(spool, request, forward, receivedAt);
        }).thenCompose(answer -> answer);
    }

    private static CompletionStage<RadiusPacket> stored(AccountingSpool spool, RadiusPacket request,
                                                        RadiusPacket forward, long receivedAt) {
        return spool.store(forward, receivedAt).thenApply(outcome ->
                outcome == AccountingSpool.Stored.REFUSED ? null : AccountingPackets.response(request));
    }

    /**
     * Sends a request from the accounting spool (stored as it was forwarded) along the route the relay has for it
     * now, balanced as a live one.
     */
    CompletionStage<RadiusPacket> replay(RadiusPacket stored) {
        String userName = stored.first("User-Name").map(Attribute::asString).orElse(null);
        List<Integer> order = balancer.order(settings.route(userName), stored);
        return relay(order, stored);
    }

    /** The relay's accounting spools; null without. */
    AccountingSpools spools() {
        return spools;
    }

    /** A destination came up: spooled accounting is sent now. */
    void destinationUp() {
        if (spools != null) {
            spools.wake();
        }
    }

    AccountingSpoolStatistics spoolStatistics() {
        return spools == null ? AccountingSpoolStatistics.OFF : spools.statistics();
    }

    /**
     * The request as it goes on. CHAP hashes the NAS's Request Authenticator when there is no CHAP-Challenge; the
     * forwarded request gets a new authenticator, so the original one travels as CHAP-Challenge (RFC 2865 5.40).
     * With realm-append, a User-Name without a realm goes on as {@code forwardedName} ({@code user@realm}).
     */
    private static RadiusPacket forwardable(RadiusPacket request, String userName, String forwardedName) {
        boolean chap = request.first("CHAP-Password").isPresent() && request.first("CHAP-Challenge").isEmpty();
        boolean renamed = forwardedName != userName; // the same String when nothing was appended
        if (!chap && !renamed) {
            return request; // as it is: each transmission gets its own Identifier and Request Authenticator anyway
        }
        RadiusPacket.Builder b = request.toBuilder();
        if (chap) {
            b.add("CHAP-Challenge", request.authenticator());
        }
        if (renamed) {
            b.set("User-Name", forwardedName);
        }
        return b.build();
    }
}
