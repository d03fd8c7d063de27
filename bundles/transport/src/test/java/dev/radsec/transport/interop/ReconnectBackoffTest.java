package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (fixed: the backoff is reset by the first answer, not by the handshake): against a server that refuses our client certificate after a TLS 1.3 handshake (FreeRADIUS 3.2.1 does,
 * INTEROP.md), the reconnect backoff never grows: the destination reconnects every 0.5 s forever, logging "is up"
 * (INFO) and "is down: connection closed" (WARN) each time.
 *
 * <p>With TLS 1.3 the client's handshake is complete before the server has judged the client certificate, so
 * {@code RadsecLink.secured} reports the link up; {@code DestinationClient.linkUp} then resets {@code backoff} to
 * 0.5 s and sets the state UP; the server closes the connection a moment later, and the next attempt is again
 * 0.5 s away. The documented backoff (0.5 s doubling to 60 s, with jitter) would make about five attempts in the
 * 6 s watched here, and practically never more than seven.
 *
 * <p>Connections are counted by a TCP relay in front of the server.
 */
class ReconnectBackoffTest {
    @TempDir
    Path dir;

    @Test
    void aServerThatRefusesOurCertificateAfterTheTls13HandshakeIsRetriedWithBackoff() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peer peer = new Peer(dir, (pki, builder) -> {
            pki.revoke(pki.client());
            return builder.crlCheck(pki.hashedDir());
        });
        try (Relay relay = new Relay(peer.server.radsecPort())) {
            long t0 = System.nanoTime();
            peer.radsecDestination(1, "port", String.valueOf(relay.port()));
            // The observation window is the measurement itself, not a synchronisation.
            Thread.sleep(6_000);
            int attempts = relay.connections.get();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("ReconnectBackoffTest: " + attempts + " connections in " + millis + " ms; "
                    + peer.client.statistics(1).orElseThrow() + ", TLS seen " + peer.client.statistics(1).orElseThrow().tlsVersion());
            assertTrue(attempts <= 7, attempts + " connection attempts in " + millis
                    + " ms: the backoff does not grow (documented: 0.5 s doubling to 60 s)");
        } finally {
            Waits.close(peer);
        }
    }

    /** Relays TCP connections from a loopback port to {@code target}, counting them. */
    static final class Relay implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server;

        Relay(int target) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        connections.incrementAndGet();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        pump(in, out);
                        pump(out, in);
                    } catch (IOException e) {
                        // closed, or the target went away: nothing to relay
                    }
                }
            }, "relay-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    i.transferTo(o);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
