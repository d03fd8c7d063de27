package dev.radsec.management.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusDictionary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An operator's test login against one destination ({@code radsec:test}, the MBean's {@code testAuthentication}):
 * a PAP Access-Request, Message-Authenticator included by the transport, and what came of it. The password goes
 * into the hidden User-Password only; it is never logged or shown.
 */
public final class TestAuthentication {
    /** Longer than any destination's timeout x transmissions: the transport always ends the request first. */
    private static final long PATIENCE_SECONDS = 300;

    private final RadiusClient client;
    private final RadiusDictionary dictionary;
    private final Clock clock;

    public TestAuthentication(RadiusClient client, RadiusDictionary dictionary, Clock clock) {
        this.client = client;
        this.dictionary = dictionary;
        this.clock = clock;
    }

    /** What came of one test. */
    public record Result(String outcome, long rttMillis, List<String> replyAttributes) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(outcome).append(" in ").append(rttMillis).append(" ms");
            for (String a : replyAttributes) {
                b.append('\n').append("    ").append(a);
            }
            return b.toString();
        }
    }

    public Result run(int destinationId, String user, String password) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user: is required");
        }
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dictionary.current())
                .add("User-Name", user.trim()).add("User-Password", password == null ? "" : password)
                .add("NAS-Identifier", "radsec-management").add("Service-Type", "Authenticate-Only").build();
        long start = clock.millis();
        try {
            RadiusPacket answer = client.send(destinationId, request).toCompletableFuture()
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            List<String> attributes = new ArrayList<>();
            for (Attribute a : answer.attributes()) {
                if (!"Message-Authenticator".equals(a.definition().name())) {
                    attributes.add(a.definition().name() + " = " + a.valueText());
                }
            }
            return new Result(answer.code().toString(), clock.millis() - start, attributes);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result("No answer: " + cause.getMessage(), clock.millis() - start, List.of());
        } catch (TimeoutException e) {
            return new Result("No answer within " + PATIENCE_SECONDS + " s", clock.millis() - start, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("Interrupted", clock.millis() - start, List.of());
        }
    }
}
