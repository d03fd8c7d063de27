package dev.radsec.transport.interop;

import dev.radsec.common.ExecutorScheduler;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.relay.internal.IncomingConfiguration;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** radclient sends CoA and Disconnect requests to the incoming listener (MikroTik /radius incoming). */
class IncomingTest {
    static final String SECRET = "coa-secret-incoming";
    @TempDir
    Path dir;
    private ExecutorScheduler scheduler;
    private NioFileWatcher watcher;
    private ExecutorScheduler timer;
    private RadiusServerImpl server;
    private IncomingConfiguration incoming;

    @BeforeEach
    void start() throws Exception {
        Peers.assumeInstalled(Radclient.BINARY, "freeradius-utils");
        scheduler = new ExecutorScheduler(Clock.systemUTC(), "incoming-pki");
        watcher = new NioFileWatcher("incoming-watch");
        timer = new ExecutorScheduler(Clock.systemUTC(), "incoming-timer");
        server = new RadiusServerImpl(new CredentialRegistry(scheduler, watcher, dir), Dictionary.standard(), timer);
        incoming = Relays.incoming(server);
        incoming.apply(new HashMap<>(Map.of("accept", "true", "port", "0", "secret", SECRET)));
    }

    @AfterEach
    void stop() {
        if (incoming == null) {
            return; // skipped: the peer is not installed
        }
        incoming.remove();
        server.close();
        watcher.close();
        scheduler.close();
        timer.close();
    }

    private String radclient(String command, String input) throws Exception {
        int port = server.localAddress(IncomingConfiguration.LISTENER).orElseThrow().getPort();
        return Radclient.start(Files.createTempDirectory(dir, "radclient"), new InetSocketAddress("127.0.0.1", port),
                command, SECRET, input).await(Duration.ofSeconds(20)).output();
    }

    @Test
    void withoutAHandlerRequestsAreNakedWithTheReasonNeverIgnored() throws Exception {
        String disconnect = radclient("disconnect", "User-Name = \"alice\",\nAcct-Session-Id = \"s-1\"");
        assertTrue(disconnect.contains("Received Disconnect-NAK"), disconnect);
        assertTrue(disconnect.contains("Error-Cause = Session-Context-Not-Found"), disconnect);
        String coa = radclient("coa", "User-Name = \"alice\",\nSession-Timeout = 60");
        assertTrue(coa.contains("Received CoA-NAK"), coa);
        assertTrue(coa.contains("Error-Cause = Unsupported-Service"), coa);
    }

    @Test
    void aHandlerServiceEndsTheSession() throws Exception {
        RadiusRequestHandler sessions = (context, request) -> CompletableFuture.completedFuture(
                RadiusPacket.builder(request.code() == PacketCode.DISCONNECT_REQUEST ? PacketCode.DISCONNECT_ACK
                        : PacketCode.COA_ACK, request.dictionary()).build());
        server.addHandler(sessions, IncomingConfiguration.LISTENER, 0);
        String disconnect = radclient("disconnect", "User-Name = \"alice\",\nAcct-Session-Id = \"s-1\"");
        assertTrue(disconnect.contains("Received Disconnect-ACK"), disconnect);
        String coa = radclient("coa", "User-Name = \"alice\",\nSession-Timeout = 60");
        assertTrue(coa.contains("Received CoA-ACK"), coa);
    }

    @Test
    void acceptFalseListensNowhere() {
        incoming.apply(new HashMap<>(Map.of("accept", "false", "port", "0", "secret", SECRET)));
        assertFalse(server.localAddress(IncomingConfiguration.LISTENER).isPresent());
    }
}
