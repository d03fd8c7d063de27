package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RequestTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MikroTik {@code /radius} settings of our destinations against real FreeRADIUS 3.2.1, and the gaps the audit
 * of issue 17 found: an IPv6 destination, the UDP source address, {@code tls-min-version = v1.3}. The server runs the
 * stock configuration of {@link FreeRadiusProcess} with these changes only: its users (one entry for
 * {@code EXAMPLE\alice}), its clients (127.0.0.2 and ::1 besides 127.0.0.1) and a UDP listener pair on ::1. What the
 * server saw is read from its answers (a user entry that only {@code EXAMPLE\alice} matches) and from its detail
 * files, which the stock {@code detail} module files under the client's address
 * ({@code radacct/<Packet-Src-IP-Address>/detail-<date>}).
 */
class MikrotikInteropTest {
    static final Dictionary DICT = Dictionary.standard();
    static final String USERS = String.join("\n",
            // the entry's name is taken verbatim, a check item's value unescaped: "\\\\" is one backslash
            "DEFAULT User-Name == \"EXAMPLE\\\\alice\", Auth-Type := Accept",
            "\tReply-Message = \"domain seen\"",
            "\"alice@example.org\" Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"realm seen\"",
            "") + Peer.USERS;

    @TempDir
    static Path dir;
    static Peer peer;
    static int v6Auth;
    static int v6Acct;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        v6Auth = freeV6Port();
        v6Acct = freeV6Port();
        while (v6Acct == v6Auth) {
            v6Acct = freeV6Port();
        }
        peer = new Peer(dir, (pki, b) -> b.users(USERS).file("clients.conf", clients(Peer.UDP_SECRET))
                .serverConfig(v6Listen("auth", v6Auth) + v6Listen("acct", v6Acct)));
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.close(peer);
    }

    /** The fixture's clients.conf (127.0.0.1 and the RadSec client), and the other loopback sources. */
    static String clients(String secret) {
        return "client interop {\n\tipaddr = 127.0.0.1\n\tsecret = \"" + secret + "\"\n\tnas_type = other\n}\n"
                + "client second-loopback {\n\tipaddr = 127.0.0.2\n\tsecret = \"" + secret + "\"\n\tnas_type = other\n}\n"
                + "client v6-loopback {\n\tipv6addr = ::1\n\tsecret = \"" + secret + "\"\n\tnas_type = other\n}\n"
                + "clients radsec {\n\tclient radsec-loopback {\n\t\tipaddr = 127.0.0.1\n\t\tproto = tls\n"
                + "\t\tsecret = \"radsec\"\n\t\tnas_type = other\n\t}\n}\n";
    }

    static String v6Listen(String type, int port) {
        return "\tlisten {\n\t\ttype = " + type + "\n\t\tipv6addr = ::1\n\t\tport = " + port + "\n\t}\n";
    }

    static int freeV6Port() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            return s.getLocalPort();
        }
    }

    /** An MS-CHAPv2 Access-Request as a NAS sends it; FreeRADIUS here decides by User-Name, not by the response. */
    static RadiusPacket msChap(String user) {
        byte[] response = new byte[50];
        for (int i = 0; i < response.length; i++) {
            response[i] = (byte) (i * 7);
        }
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("NAS-Identifier", "mikrotik-test").add("MS-CHAP-Challenge", new byte[16])
                .add("MS-CHAP2-Response", response).build();
    }

    static RadiusPacket accounting(String session) {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "alice")
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", session)
                .add("NAS-Identifier", "mikrotik-test").build();
    }

    static RadiusPacket answer(CompletableFuture<RadiusPacket> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    static RadiusPacket send(int id, RadiusPacket request) throws Exception {
        return answer(peer.client.send(id, request).toCompletableFuture());
    }

    static Throwable failure(CompletableFuture<RadiusPacket> f) {
        return assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS)).getCause();
    }

    static DestinationStatistics stats(int id) {
        return peer.client.statistics(id).orElseThrow();
    }

    static void awaitState(int id, DestinationStatistics.State state) throws Exception {
        Waits.until(() -> stats(id).state() == state, Duration.ofSeconds(15), () -> "destination " + id + " " + state
                + ": " + stats(id));
    }

    /** What the server's detail files for {@code client} (an address) hold; empty when it filed nothing for it. */
    static String detail(FreeRadiusProcess server, String client) {
        Path radacct = server.directory().resolve("log/radacct").resolve(client);
        if (!Files.isDirectory(radacct)) {
            return "";
        }
        try (Stream<Path> files = Files.list(radacct)) {
            return files.filter(p -> p.getFileName().toString().startsWith("detail-")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client addresses the server filed accounting under, for failure messages. */
    static Set<String> accountingClients(FreeRadiusProcess server) {
        Path radacct = server.directory().resolve("log/radacct");
        if (!Files.isDirectory(radacct)) {
            return Set.of();
        }
        try (Stream<Path> dirs = Files.list(radacct)) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- domain

    @Test
    void anMsChapRequestReachesFreeRadiusAsDomainBackslashUser() throws Exception {
        peer.udpDestination(11, "domain", "EXAMPLE");
        peer.udpDestination(12);
        peer.radsecDestination(13, "domain", "EXAMPLE");
        RadiusPacket viaUdp = send(11, msChap("alice"));
        assertEquals(PacketCode.ACCESS_ACCEPT, viaUdp.code(), peer.server::log);
        assertEquals("domain seen", viaUdp.first("Reply-Message").orElseThrow().asString(),
                "only the users entry of EXAMPLE\\alice says so, and FreeRADIUS verified the Message-Authenticator");
        assertEquals(PacketCode.ACCESS_REJECT, send(12, msChap("alice")).code(), "without domain: plain alice");
        RadiusPacket viaRadsec = send(13, msChap("alice"));
        assertEquals("domain seen", viaRadsec.first("Reply-Message").orElseThrow().asString(), peer.server::log);
        RadiusPacket pap = send(11, TransportContract.login("alice", "alice-pw"));
        assertEquals("hello alice", pap.first("Reply-Message").orElseThrow().asString(), "PAP goes as it is");
        RadiusPacket failover = answer(peer.client.send(List.of(12, 11), msChap("alice")).toCompletableFuture());
        assertEquals(PacketCode.ACCESS_REJECT, failover.code(), "the first of the list, without a domain, took it");
    }

    // ---------------------------------------------------------------- timeout in milliseconds

    @Test
    void aTimeoutOf300MillisecondsIsHonoured() throws Exception {
        // FreeRADIUS drops what fails its Message-Authenticator check without a word: a wrong secret goes unanswered
        peer.radsecDestination(21, "secret", "not-the-radsec-secret", "timeout", "300ms", "status-server", "0");
        peer.udpDestination(22, "secret", "not-the-udp-secret", "timeout", "300ms", "retries", "0");
        peer.radsecDestination(23, "timeout", "300ms");
        awaitState(21, DestinationStatistics.State.UP);
        awaitState(23, DestinationStatistics.State.UP);
        for (int id : new int[] {21, 22}) {
            long start = System.nanoTime();
            Throwable t = failure(peer.client.send(id, TransportContract.login("alice", "alice-pw"))
                    .toCompletableFuture());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(RequestTimeoutException.class, t, "destination " + id);
            assertTrue(millis >= 300 && millis < 2000, "destination " + id + " timed out after " + millis + " ms");
        }
        assertEquals("300ms", peer.client.configuration(21).orElseThrow().get("timeout"));
        assertEquals(PacketCode.ACCESS_ACCEPT, send(23, TransportContract.login("alice", "alice-pw")).code(),
                "300 ms is time enough for an answer");
    }

    // ---------------------------------------------------------------- disabled

    /** Our established connections to {@code port} on loopback (the client side), from /proc/net/tcp. */
    static long connectionsTo(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[2].endsWith(hexPort) && "01".equals(f[3])) { // remote address, state ESTABLISHED
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aDisabledDestinationMakesNoConnectionUntilEnabled() throws Exception {
        Peers.assumeInstalled(Path.of("/proc/net/tcp"), "procfs");
        try (FreeRadiusProcess server = Peer.serverBuilder(dir.resolve("disabled"), peer.pki, 0).start()) {
            String port = String.valueOf(server.radsecPort());
            peer.radsecDestination(31, "port", port, "disabled", "true", "comment", "spare server");
            peer.radsecDestination(32, "port", port);
            awaitState(32, DestinationStatistics.State.UP);
            assertEquals(PacketCode.ACCESS_ACCEPT, send(32, TransportContract.login("alice", "alice-pw")).code());
            assertEquals(DestinationStatistics.State.DISABLED, stats(31).state());
            assertEquals(stats(32).connections(), connectionsTo(server.radsecPort()),
                    "the server has the enabled destination's connections only");
            assertInstanceOf(DestinationUnavailableException.class,
                    failure(peer.client.send(31, TransportContract.login("alice", "alice-pw")).toCompletableFuture()));
            assertEquals(1, stats(31).unavailable());
            assertEquals(PacketCode.ACCESS_ACCEPT, answer(peer.client.send(List.of(31, 32),
                    TransportContract.login("alice", "alice-pw")).toCompletableFuture()).code(), "skipped in a list");
            assertEquals(0, stats(31).requests());

            peer.radsecDestination(31, "port", port, "disabled", "false", "comment", "spare server");
            awaitState(31, DestinationStatistics.State.UP);
            assertEquals(PacketCode.ACCESS_ACCEPT, send(31, TransportContract.login("alice", "alice-pw")).code());
            assertEquals(stats(31).connections() + stats(32).connections(), connectionsTo(server.radsecPort()));
            assertTrue(stats(31).connections() >= 1);
        } finally {
            peer.client.destinationRemoved("dest-31");
            peer.client.destinationRemoved("dest-32");
        }
    }

    // ---------------------------------------------------------------- accounting-backup

    @Test
    void accountingGoesToTheBackupOnlyWhenThePrimaryIsDown() throws Exception {
        FreeRadiusProcess primary = Peer.serverBuilder(dir.resolve("primary"), peer.pki, 0).start();
        try (FreeRadiusProcess backup = Peer.serverBuilder(dir.resolve("backup"), peer.pki, 0).start()) {
            peer.radsecDestination(41, "port", String.valueOf(primary.radsecPort()));
            peer.radsecDestination(42, "port", String.valueOf(backup.radsecPort()), "accounting-backup", "true");
            List<Integer> list = List.of(42, 41); // the backup first in the list: it still waits for the primary
            RadiusPacket ack = answer(peer.client.send(list, accounting("while-primary-up")).toCompletableFuture());
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, ack.code());
            assertTrue(detail(primary, "127.0.0.1").contains("while-primary-up"), primary::log);
            assertFalse(detail(backup, "127.0.0.1").contains("while-primary-up"));
            assertEquals(PacketCode.ACCESS_ACCEPT, answer(peer.client.send(list,
                    TransportContract.login("alice", "alice-pw")).toCompletableFuture()).code());
            assertEquals(0, stats(42).requests(), "the backup took nothing");

            primary.close();
            awaitState(41, DestinationStatistics.State.DOWN);
            ack = answer(peer.client.send(list, accounting("while-primary-down")).toCompletableFuture());
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, ack.code());
            assertTrue(detail(backup, "127.0.0.1").contains("while-primary-down"), backup::log);
            assertInstanceOf(DestinationUnavailableException.class, failure(peer.client.send(list,
                    TransportContract.login("alice", "alice-pw")).toCompletableFuture()),
                    "an Access-Request never goes to an accounting backup");
            assertEquals(1, stats(42).requests(), "the backup took the accounting only");
        } finally {
            primary.close();
            peer.client.destinationRemoved("dest-41");
            peer.client.destinationRemoved("dest-42");
        }
    }

    // ---------------------------------------------------------------- the audit's gaps

    @Test
    void anIpv6DestinationAddressWorks() throws Exception {
        peer.udpDestination(51, "address", "::1", "port", String.valueOf(v6Auth), "accounting-port",
                String.valueOf(v6Acct));
        RadiusPacket accept = send(51, TransportContract.login("alice", "alice-pw"));
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), peer.server::log);
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, send(51, accounting("over-ipv6")).code());
        assertTrue(detail(peer.server, "::1").contains("over-ipv6"), () -> "filed under ::1: "
                + accountingClients(peer.server).toString());
    }

    @Test
    void theUdpSourceAddressIsTheOneTheServerSees() throws Exception {
        peer.udpDestination(61, "source-address", "127.0.0.2");
        peer.udpDestination(62);
        assertEquals(PacketCode.ACCESS_ACCEPT, send(61, TransportContract.login("alice", "alice-pw")).code(),
                "FreeRADIUS took it as its client 127.0.0.2");
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, send(61, accounting("from-127.0.0.2")).code());
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, send(62, accounting("from-127.0.0.1")).code());
        assertTrue(detail(peer.server, "127.0.0.2").contains("from-127.0.0.2"), () -> "filed under 127.0.0.2: "
                + accountingClients(peer.server));
        assertFalse(detail(peer.server, "127.0.0.1").contains("from-127.0.0.2"));
        assertTrue(detail(peer.server, "127.0.0.1").contains("from-127.0.0.1"), "the default source, for contrast");
    }

    @Test
    void tlsMinVersion13RefusesATls12OnlyServerAndWorksWithA13One() throws Exception {
        try (FreeRadiusProcess tls12 = Peer.serverBuilder(dir.resolve("tls12"), peer.pki, 0).tlsVersions("1.2", "1.2")
                .start();
             FreeRadiusProcess tls13 = Peer.serverBuilder(dir.resolve("tls13"), peer.pki, 0).tlsVersions("1.3", "1.3")
                .start()) {
            peer.radsecDestination(71, "port", String.valueOf(tls12.radsecPort()), "tls-min-version", "v1.3");
            peer.radsecDestination(72, "port", String.valueOf(tls12.radsecPort()));
            peer.radsecDestination(73, "port", String.valueOf(tls13.radsecPort()), "tls-min-version", "v1.3");
            awaitState(72, DestinationStatistics.State.UP);
            assertEquals("TLSv1.2", stats(72).tlsVersion().orElseThrow(), "the 1.2 server is there");
            awaitState(73, DestinationStatistics.State.UP);
            assertEquals("TLSv1.3", stats(73).tlsVersion().orElseThrow());
            assertEquals(PacketCode.ACCESS_ACCEPT, send(73, TransportContract.login("alice", "alice-pw")).code());
            awaitState(71, DestinationStatistics.State.DOWN);
            assertEquals(0, stats(71).connections());
            assertInstanceOf(DestinationUnavailableException.class,
                    failure(peer.client.send(71, TransportContract.login("alice", "alice-pw")).toCompletableFuture()));
        } finally {
            for (int id : new int[] {71, 72, 73}) {
                peer.client.destinationRemoved("dest-" + id);
            }
        }
    }
}
