package dev.radsec.auth.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.auth.LoginResult;
import dev.radsec.auth.LoginResult.Outcome;
import dev.radsec.auth.UserMapping;
import dev.radsec.codec.Attribute;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RequestTimeoutException;
import dev.radsec.transport.UdpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One login, start to end: the Access-Request, and the answer (or its absence) turned into a {@link LoginResult}.
 * The password only ever goes into the hidden User-Password attribute.
 */
final class Login {
    /** UDP: tries per login, the first waiting read-timeout divided among them (retransmissions back off). */
    private static final int UDP_TRANSMISSIONS = 3;
    /** The destination key saying what a destination is for: login, relay, or both (comma-separated). */
    static final String SERVICE = "service";

    private final AuthSettings settings;
    private final RadiusClient client;
    private final Function<String, Optional<UserMapping>> mappings;

    private final Dictionary dictionary;

    Login(AuthSettings settings, RadiusClient client, Dictionary dictionary,
          Function<String, Optional<UserMapping>> mappings) {
        this.settings = settings;
        this.dictionary = dictionary;
        this.client = client;
        this.mappings = mappings;
    }

    LoginResult run(String rawUsername, String password) {
        String username = rawUsername == null ? "" : rawUsername.trim();
        if (username.isEmpty()) {
            return failed(Outcome.REJECTED, username, "no username");
        }
        RadiusPacket.Builder request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dictionary)
                .add("User-Name", username).add("User-Password", password == null ? "" : password)
                .add("NAS-Port", settings.nasPort);
        if (settings.nasIdentifier != null) {
            request.add("NAS-Identifier", settings.nasIdentifier);
        }
        CompletionStage<RadiusPacket> sent;
        Duration patience;
        if (settings.destination != 0) {
            if (!client.destinations().contains(settings.destination)) {
                return failed(Outcome.MISCONFIGURED, username, "destination " + settings.destination + " is not configured");
            }
            Optional<String> service = client.configuration(settings.destination).map(c -> c.get(SERVICE));
            if (service.isPresent() && !servesLogins(service.get())) {
                return failed(Outcome.MISCONFIGURED, username, "destination " + settings.destination
                        + " does not take logins: its service is '" + service.get().trim() + "', without login");
            }
            sent = client.send(settings.destination, request.build());
            patience = settings.dialTimeout.plus(settings.readTimeout);
        } else {
            InetAddress address;
            try {
                address = InetAddress.getByName(settings.host);
            } catch (UnknownHostException e) {
                return failed(Outcome.UNREACHABLE, username, "host " + settings.host + " does not resolve");
            }
            long perTry = Math.max(1, settings.readTimeout.getSeconds() / UDP_TRANSMISSIONS);
            sent = client.send(new UdpServer(new InetSocketAddress(address, settings.port), settings.secret,
                    Duration.ofSeconds(perTry), UDP_TRANSMISSIONS - 1, settings.requireMessageAuth), request.build());
            // RFC 5080 backoff may stretch the tries past it; the login ends at read-timeout regardless
            patience = settings.readTimeout;
        }
        RadiusPacket answer;
        try {
            answer = sent.toCompletableFuture().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed(Outcome.TIMEOUT, username, "no answer from " + settings.server() + " within "
                    + patience.getSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RequestTimeoutException) {
                return failed(Outcome.TIMEOUT, username, cause.getMessage());
            }
            if (cause instanceof DestinationUnavailableException) {
                return failed(Outcome.UNREACHABLE, username, cause.getMessage());
            }
            return failed(Outcome.UNREACHABLE, username, String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(Outcome.TIMEOUT, username, "interrupted");
        }
        switch (answer.code()) {
            case ACCESS_ACCEPT:
                return accepted(username, answer);
            case ACCESS_CHALLENGE:
                return failed(Outcome.CHALLENGE_NOT_SUPPORTED, username,
                        "the server asked for more (Access-Challenge); challenges are not supported");
            default:
                return failed(Outcome.REJECTED, username, "Access-Reject");
        }
    }

    private LoginResult accepted(String username, RadiusPacket answer) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("username", username);
        for (Attribute a : answer.attributes()) {
            String name = a.definition().name();
            if (!name.equals("Message-Authenticator")) {
                metadata.merge(name, a.valueText(), (x, y) -> x + ", " + y);
            }
        }
        TreeSet<String> policies = new TreeSet<>();
        Optional<UserMapping> mapping = mappings.apply(settings.mappingKey(username));
        if (settings.policyAttribute != null) {
            for (Attribute a : answer.all(settings.policyAttribute)) {
                policies.addAll(ConfigReader.items(a.asString()));
            }
        }
        if (mapping.isPresent()) {
            policies.addAll(mapping.get().policies());
        } else if (policies.isEmpty()) {
            if (settings.unregisteredUserPolicies.isEmpty()) {
                return failed(Outcome.NOT_PERMITTED, username,
                        "authenticated, but not mapped and unregistered-user-policies is empty");
            }
            policies.addAll(settings.unregisteredUserPolicies);
        }
        policies.add("default"); // as Vault adds it
        Duration lease = answer.first("Session-Timeout").map(a -> Duration.ofSeconds(a.asLong())).orElse(null);
        return new LoginResult(Outcome.LOGGED_IN, username, List.copyOf(policies), metadata, Optional.ofNullable(lease), "");
    }

    /** Whether a destination's {@code service} includes {@code login}; blank (not set) means both. */
    static boolean servesLogins(String service) {
        List<String> services = ConfigReader.items(service);
        return services.isEmpty() || services.stream().anyMatch(s -> s.equalsIgnoreCase("login"));
    }

    static LoginResult failed(Outcome outcome, String username, String detail) {
        return new LoginResult(outcome, username, List.of(), Map.of("username", username), Optional.empty(),
                detail);
    }
}
