package dev.radsec.transport.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our own server (UDP and RadSec listeners with a handler that knows alice and bob) and our own client pointed
 * at it: destination 21 over RadSec, 22 over UDP.
 */
final class OwnServer extends OurSide implements AutoCloseable {
    static final String UDP_SECRET = "own-udp-secret-123";

    final RadiusServerImpl server;
    final RadiusClientImpl client;
    final AtomicInteger handled = new AtomicInteger();

    /** Answers like the FreeRADIUS users file of {@link Peer}. */
    static final RadiusRequestHandler USERS = (context, request) -> {
        Dictionary d = request.dictionary();
        switch (request.code()) {
            case ACCESS_REQUEST: {
                String user = request.first("User-Name").map(a -> a.asString()).orElse("");
                String password = request.first("User-Password").map(a -> a.asString()).orElse("");
                boolean ok = (user.equals("alice") && password.equals("alice-pw")) || (user.equals("bob") && password.equals("bob-pw"));
                RadiusPacket.Builder b = RadiusPacket.builder(ok ? PacketCode.ACCESS_ACCEPT : PacketCode.ACCESS_REJECT, d);
                if (ok) {
                    b.add("Reply-Message", "hello " + user);
                    if (user.equals("alice")) {
                        b.add("Session-Timeout", 3600);
                    }
                }
                return CompletableFuture.completedFuture(b.build());
            }
            case ACCOUNTING_REQUEST:
                return CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCOUNTING_RESPONSE, d).build());
            case STATUS_SERVER:
                return CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, d).build());
            default:
                return CompletableFuture.completedFuture(null);
        }
    };

    /** Our own server and client in {@code dir}; the calling test is skipped where openssl (for the PKI) is missing. */
    static OwnServer started(Path dir) throws Exception {
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        return new OwnServer(dir);
    }

    OwnServer(Path dir) throws Exception {
        super(dir, "own", "server", "client");
        server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        server.addHandler((context, request) -> {
            handled.incrementAndGet();
            return USERS.handle(context, request);
        }, null, 0);
        server.listenerConfigured("l-radsec", Map.of("name", "radsec", "port", "0", "tls-certificate", "server"));
        server.listenerConfigured("l-udp", Map.of("name", "udp", "protocol", "udp", "port", "0",
                "clients", "127.0.0.1/32 " + UDP_SECRET));
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        client.destinationConfigured("d-21", Map.of("id", "21", "address", "127.0.0.1", "tls-certificate", "client",
                "port", String.valueOf(server.localAddress("radsec").orElseThrow().getPort()), "max-tx-buffers", "1000"));
        int udpPort = server.localAddress("udp").orElseThrow().getPort();
        client.destinationConfigured("d-22", Map.of("id", "22", "address", "127.0.0.1", "protocol", "udp",
                "port", String.valueOf(udpPort), "accounting-port", String.valueOf(udpPort), "secret", UDP_SECRET,
                "max-tx-buffers", "1000"));
    }

    @Override
    public void close() {
        client.close();
        server.close();
        closePki();
    }
}
