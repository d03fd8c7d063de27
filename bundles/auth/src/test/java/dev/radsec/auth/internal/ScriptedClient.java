package dev.radsec.auth.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.UdpServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Answers every request with what the test says, and keeps what it was sent. */
final class ScriptedClient implements RadiusClient {
    final List<RadiusPacket> sent = new ArrayList<>();
    final List<UdpServer> servers = new ArrayList<>();
    Function<RadiusPacket, CompletionStage<RadiusPacket>> answer;
    /** The running configuration of each destination, as the transport reports it; none: not reported. */
    final Map<Integer, Map<String, String>> configurations = new HashMap<>();

    @Override
    public CompletionStage<RadiusPacket> send(int destinationId, RadiusPacket request) {
        sent.add(request);
        return answer.apply(request);
    }

    @Override
    public CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request) {
        return send(destinationIds.get(0), request);
    }

    @Override
    public CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request) {
        servers.add(server);
        sent.add(request);
        return answer.apply(request);
    }

    @Override
    public Optional<DestinationStatistics> statistics(int destinationId) {
        return Optional.empty();
    }

    @Override
    public List<Integer> destinations() {
        return List.of(1);
    }

    @Override
    public Optional<Map<String, String>> configuration(int destinationId) {
        return Optional.ofNullable(configurations.get(destinationId));
    }

    @Override
    public boolean resetStatistics(int destinationId) {
        return false;
    }

    @Override
    public boolean reconnect(int destinationId) {
        return false;
    }

    @Override
    public void validateDestination(Map<String, ?> properties) {
    }
}
