package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real RadSec requests to a listener, with the {@link TestPki} client certificate: does it still serve? */
final class RadsecProbe {
    private RadsecProbe() {
    }

    /** Sends {@code count} Access-Requests, one after the other, to 127.0.0.1:{@code port}; returns how many got an answer. */
    static int answered(Path dir, TestPki pki, int port, int count) throws Exception {
        try (PlainJavaRelay probe = new PlainJavaRelay("probe", dir, pki)) {
            RadiusClientImpl client = probe.client();
            client.destinationConfigured("probe", Map.of("id", "1", "address", "127.0.0.1", "port",
                    String.valueOf(port), "tls-certificate", "client"));
            int answered = 0;
            for (int i = 0; i < count; i++) {
                try {
                    client.send(1, RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                            .add("User-Name", "alice").add("User-Password", "alice-pw").build())
                            .toCompletableFuture().get(10, TimeUnit.SECONDS);
                    answered++;
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(100); // not (yet) connected: the next one tries again
                }
            }
            return answered;
        }
    }
}
