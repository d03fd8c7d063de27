package dev.radsec.transport.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DynamicRequestHandler;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link DynamicRequestHandler} services of the whiteboard, asked as one: the highest {@code service.ranking}
 * takes each request; with none registered, the answer is null (the destination answers NAK 502).
 */
final class DynamicRequestHandlers implements DynamicRequestHandler {
    private record Ranked(DynamicRequestHandler handler, int ranking) {
    }

    private final CopyOnWriteArrayList<Ranked> handlers = new CopyOnWriteArrayList<>();

    void add(DynamicRequestHandler handler, int ranking) {
        handlers.add(new Ranked(handler, ranking));
    }

    void remove(DynamicRequestHandler handler) {
        handlers.removeIf(r -> r.handler == handler);
    }

    @Override
    public CompletionStage<RadiusPacket> handle(int destinationId, RadiusPacket request) {
        return handlers.stream().max(Comparator.comparingInt(r -> r.ranking))
                .map(r -> r.handler.handle(destinationId, request))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }
}
