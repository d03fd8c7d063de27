package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.transport.internal.tls.JdkTlsEngine;
import dev.radsec.transport.internal.tls.TlsFilter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our TLS filter as a RadSec server, byte by byte against a JDK client engine: the filter is called as MINA calls
 * it, and what it passes on is recorded, so that records can be split, joined and corrupted at will.
 */
@Timeout(60)
class TlsFilterTest {
    @TempDir
    static Path dir;
    static InProcessPki pki;
    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void pki() throws Exception {
        pki = new InProcessPki(dir);
        serverContext = pki.credentials.sslContext("server", "default");
        clientContext = pki.credentials.sslContext("client", "default");
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theServersHandshakeFlightLeavesInOneWriteAndSecuredComesOnce(String version) throws Exception {
        Connection c = new Connection(version);
        byte[] clientHello = c.peer.handshakeRecords();
        c.receive(clientHello);
        assertEquals(1, c.next.written.size(), "ServerHello to Finished: one write");
        c.completeHandshake();
        assertEquals(List.of(TlsFilter.TlsEvent.SECURED), c.next.events);
        assertEquals(version, TlsFilter.connection(c.session).protocol());
        assertTrue(TlsFilter.connection(c.session).peerCertificates().isPresent(), "the client's certificate");
    }

    @Test
    void aRecordSplitAcrossReadsIsDeliveredWhole() throws Exception {
        Connection c = Connection.secured("TLSv1.3");
        byte[] packet = packet(300);
        byte[] record = c.peer.wrap(packet);
        for (byte b : record) {
            c.receive(new byte[] {b}); // the worst split: a byte per read, the header too
        }
        assertArrayEquals(packet, c.next.received());
        assertEquals(1, c.next.deliveries, "one record, one delivery");
    }

    @Test
    void everyWholeRecordOfOneReadIsDelivered() throws Exception {
        Connection c = Connection.secured("TLSv1.3");
        byte[] a = packet(20);
        byte[] b = packet(4096);
        byte[] d = packet(100);
        byte[] read = concat(c.peer.wrap(a), c.peer.wrap(b), c.peer.wrap(d));
        c.receive(Arrays.copyOf(read, read.length - 7)); // two and a bit records
        assertEquals(2, c.next.deliveries);
        c.receive(Arrays.copyOfRange(read, read.length - 7, read.length));
        assertArrayEquals(concat(a, b, d), c.next.received());
    }

    @Test
    void aCloseNotifyAmidDataEndsTheStreamAfterTheDataBeforeIt() throws Exception {
        Connection c = Connection.secured("TLSv1.3");
        byte[] before = packet(50);
        byte[] data = c.peer.wrap(before);
        byte[] closeNotify = c.peer.closeNotify();
        c.receive(concat(data, closeNotify, new byte[] {23, 3, 3, 0, 1, 0})); // and bytes after it
        assertArrayEquals(before, c.next.received(), "what came before close_notify, nothing after");
        assertEquals(List.of(), c.next.errors);
        c.peer.unwrap(c.next.written.get(c.next.written.size() - 1));
        assertTrue(c.peer.engine.isInboundDone(), "our close_notify answered theirs");
    }

    @Test
    void aTls12RenegotiationIsRefused() throws Exception {
        Connection c = Connection.secured("TLSv1.2");
        c.peer.engine.beginHandshake();
        c.receive(c.peer.handshakeRecords());
        assertEquals(1, c.next.errors.size());
        assertInstanceOf(SSLException.class, c.next.errors.get(0));
        assertTrue(c.next.errors.get(0).getMessage().contains("renegotiate"), c.next.errors.get(0).getMessage());
        c.receive(c.peer.wrap(packet(20)));
        assertEquals(0, c.next.deliveries, "nothing read after the refusal");
    }

    @Test
    void garbageFailsItsOwnConnectionOnly() throws Exception {
        Connection good = Connection.secured("TLSv1.3");
        Connection bad = new Connection("TLSv1.3");
        byte[] garbage = new byte[600];
        new Random(7).nextBytes(garbage);
        garbage[0] = 22; // looks like a handshake record for a moment
        bad.receive(garbage);
        assertEquals(1, bad.next.errors.size(), "reported to the handler, which closes it");
        byte[] packet = packet(200);
        good.receive(good.peer.wrap(packet));
        assertArrayEquals(packet, good.next.received(), "the other connection carries on");
    }

    @Test
    void aMessageWrittenIsOneRecordAndWritesBeforeTheHandshakeWaitForIt() throws Exception {
        Connection c = new Connection("TLSv1.3");
        byte[] early = packet(40);
        c.write(early);
        c.receive(c.peer.handshakeRecords());
        int flights = c.next.written.size();
        c.completeHandshake();
        byte[] later = packet(4096);
        c.write(later);
        assertTrue(c.next.written.size() > flights, "the early message went out once secured");
        byte[] last = c.next.written.get(c.next.written.size() - 1);
        assertEquals(1, records(last), "one message, one record");
        c.peer.unwrap(last);
        assertArrayEquals(concat(early, later), c.peer.applicationData.toByteArray());
    }

    @Test
    void asAClientItSendsItsHelloWhenTheConnectionOpens() throws Exception {
        TlsFilter client = new TlsFilter(s -> {
            SSLEngine e = clientContext.createSSLEngine();
            e.setUseClientMode(true);
            return new JdkTlsEngine(e);
        });
        RecordingNextFilter next = new RecordingNextFilter();
        client.sessionOpened(next, new DummySession());
        assertEquals(1, next.written.size(), "the ClientHello, at once");
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        Peer peer = new Peer(server);
        peer.unwrap(next.written.get(0));
        assertTrue(peer.handshakeRecords().length > 0, "a server answers it with its flight");
    }

    private static byte[] packet(int length) {
        byte[] p = new byte[length];
        new Random(length).nextBytes(p);
        return p;
    }

    /** How many TLS records {@code bytes} holds, by their headers. */
    private static int records(byte[] bytes) {
        int n = 0;
        for (int at = 0; at < bytes.length; at += 5 + (((bytes[at + 3] & 0xFF) << 8) | (bytes[at + 4] & 0xFF))) {
            n++;
        }
        return n;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The filter as a server on one session, and a JDK client engine as its peer. */
    private static final class Connection {
        final DummySession session = new DummySession();
        final RecordingNextFilter next = new RecordingNextFilter();
        final Peer peer;
        final TlsFilter filter;
        private int fedToPeer;

        Connection(String version) throws Exception {
            filter = new TlsFilter(s -> {
                SSLEngine e = serverContext.createSSLEngine();
                e.setUseClientMode(false);
                e.setNeedClientAuth(true);
                e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                return new JdkTlsEngine(e);
            });
            SSLEngine client = clientContext.createSSLEngine();
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {version});
            peer = new Peer(client);
            filter.sessionOpened(next, session);
            client.beginHandshake();
        }

        static Connection secured(String version) throws Exception {
            Connection c = new Connection(version);
            c.receive(c.peer.handshakeRecords());
            c.completeHandshake();
            c.next.clearReceived();
            return c;
        }

        void receive(byte[] bytes) throws Exception {
            filter.messageReceived(next, session, IoBuffer.wrap(bytes));
        }

        void write(byte[] packet) throws Exception {
            filter.filterWrite(next, session, new DefaultWriteRequest(IoBuffer.wrap(packet)));
        }

        /** Plays the records between the two until neither has more to say. */
        void completeHandshake() throws Exception {
            for (int round = 0; round < 10; round++) {
                while (fedToPeer < next.written.size()) {
                    peer.unwrap(next.written.get(fedToPeer++));
                }
                byte[] reply = peer.handshakeRecords();
                if (reply.length == 0 && !next.events.isEmpty()) {
                    return;
                }
                if (reply.length > 0) {
                    receive(reply);
                }
            }
            throw new AssertionError("handshake did not complete: " + next.errors);
        }
    }

    /** A JDK engine playing the client, byte arrays in and out. */
    private static final class Peer {
        final SSLEngine engine;
        final ByteArrayOutputStream applicationData = new ByteArrayOutputStream();
        /** Records made while unwrapping (TLS 1.3 clients answer mid-flight), not yet sent. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Peer(SSLEngine engine) {
            this.engine = engine;
        }

        /** Records the engine made while reading, then any it wants to send now. */
        byte[] handshakeRecords() throws SSLException {
            runTasks();
            wrapPending();
            byte[] out = pending.toByteArray();
            pending.reset();
            return out;
        }

        private void wrapPending() throws SSLException {
            while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(ByteBuffer.allocate(0), net);
                pending.write(net.array(), 0, net.position());
                runTasks();
            }
        }

        byte[] wrap(byte[] data) throws SSLException {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
            SSLEngineResult r = engine.wrap(ByteBuffer.wrap(data), net);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
            return Arrays.copyOf(net.array(), net.position());
        }

        byte[] closeNotify() throws SSLException {
            engine.closeOutbound();
            return handshakeRecords();
        }

        /** Unwraps every record in {@code records}, keeping their plaintext. */
        void unwrap(byte[] records) throws SSLException {
            ByteBuffer in = ByteBuffer.wrap(records);
            while (in.hasRemaining()) {
                wrapPending();
                ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                SSLEngineResult r = engine.unwrap(in, app);
                runTasks();
                applicationData.write(app.array(), 0, app.position());
                if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                    break; // an incomplete record, or the engine wants to write first
                }
            }
        }

        private void runTasks() {
            for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                t.run();
            }
        }
    }
}
