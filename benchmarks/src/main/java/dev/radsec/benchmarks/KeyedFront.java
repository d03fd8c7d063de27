package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The balancer in front of the instances: our relay, built from the bundles' classes in this JVM and wired as
 * Declarative Services wires it in Karaf, taking RADIUS/UDP from the NAS (the load generator) on a fixed port and
 * relaying it over RadSec with {@code balance = keyed} to destinations {@value #FIRST_ID}, {@value #FIRST_ID}+1, ..:
 * one per instance, with the {@link TestPki} client certificate.
 */
final class KeyedFront implements AutoCloseable {
    /** Destination id of the first instance; the i-th (from 0) is FIRST_ID + i. */
    static final int FIRST_ID = 11;
    private final PlainJavaRelay front;
    private final RadiusClientImpl client;
    private final String nasSecret;
    private final int port = FreeRadiusProcess.freeUdpPort();

    KeyedFront(Path dir, TestPki pki, List<Integer> instancePorts, String nasSecret) throws Exception {
        this.nasSecret = nasSecret;
        front = new PlainJavaRelay("front", dir, pki);
        client = front.client();
        for (int i = 0; i < instancePorts.size(); i++) {
            client.destinationConfigured("d" + i, Map.of("id", String.valueOf(FIRST_ID + i), "address", "127.0.0.1",
                    "port", String.valueOf(instancePorts.get(i)), "tls-certificate", "client", "max-tx-buffers", "3200"));
        }
        use(instancePorts.size());
    }

    /** Balances over the first {@code instances} destinations from now on (the relay reconfigured, same port). */
    void use(int instances) {
        String destinations = java.util.stream.IntStream.range(0, instances).mapToObj(i -> String.valueOf(FIRST_ID + i))
                .collect(Collectors.joining(", "));
        front.relay().apply(new HashMap<>(Map.of("service.pid", "front", "name", "front", "auth-port", String.valueOf(port),
                "acct-port", "0", "secret", nasSecret, "destinations", destinations, "balance", "keyed")));
    }

    /** The NAS-side UDP port. */
    int port() {
        return port;
    }

    DestinationStatistics statistics(int index) {
        return client.statistics(FIRST_ID + index).orElseThrow();
    }

    /** Waits until the instance at {@code index} relays an Access-Request to the server behind it and back. */
    void awaitRelaying(int index, Duration patience, ScaleOutInstance instance) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!instance.isAlive()) {
                throw new IOException(instance.name() + " ended while booting\n" + instance.logTail());
            }
            try {
                RadiusPacket answer = client.send(FIRST_ID + index, RadiusPacket.builder(PacketCode.ACCESS_REQUEST,
                        Dictionary.standard()).add("User-Name", "alice").add("User-Password", "alice-pw")
                        .add("NAS-IP-Address", "127.0.0.1").build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
                if (answer.code() == PacketCode.ACCESS_ACCEPT) {
                    return;
                }
                last = new IOException("answered " + answer.code());
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IOException(instance.name() + " relays nothing after " + patience.toSeconds() + " s: " + last
                + "\n" + instance.logTail());
    }

    /** What the relay counted for the NAS network: requests, forwarded, no-destination, .. */
    String relayCounters() {
        return front.registry().relay("front").orElseThrow().total().toString();
    }

    @Override
    public void close() {
        front.close();
    }
}
