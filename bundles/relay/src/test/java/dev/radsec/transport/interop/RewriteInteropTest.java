package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.relay.RewriteStatistics;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.relay.internal.RewriteConfiguration;
import dev.radsec.relay.internal.RewriteRegistry;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RadiusServerService;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 with real peers: eduroam's visited-network rules and a little more, once as our rewrites and once as
 * radsecproxy 1.9.2 {@code rewrite} blocks, in front of one FreeRADIUS 3.2.1 whose users file answers with a VLAN
 * (Tunnel-Type, Tunnel-Medium-Type, Tunnel-Private-Group-Id, tag 1), a Cisco-AVPair and a Chargeable-User-Identity.
 * <ul>
 *   <li>ours: radclient → relay {@code visited} ({@code realm-rewrites = *=eduroam-visited}, the shipped example
 *       file) → destination 1 ({@code rewrite-out = visited-out}: Calling-Station-Id by regex; {@code rewrite-in =
 *       visited-in}: Cisco's attributes removed) over RadSec → FreeRADIUS;</li>
 *   <li>radsecproxy's: radclient → relay {@code plain} (no rewrite) → destination 2 over RadSec → radsecproxy, whose
 *       client {@code RewriteIn} and server {@code RewriteIn} do the same → FreeRADIUS over UDP.</li>
 * </ul>
 * radsecproxy's {@code modifyAttribute} makes the whole value from the replacement, ours replaces the match (as sed
 * does), so the regular expression spans the whole value and both give the same.
 * For the same input, radclient gets the same answer attributes both ways (no VLAN, no Cisco-AVPair, the
 * Chargeable-User-Identity), and FreeRADIUS gets the same request attributes (Operator-Name added, Calling-Station-Id
 * rewritten): in its debug log for Access-Requests and in its detail file for Accounting-Requests.
 */
class RewriteInteropTest {
    static final String NAS_SECRET = "nas-secret-for-rewrites";
    static final String USERS = String.join("\n",
            "alice Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"hello alice\",",
            "\tTunnel-Type:1 = VLAN,",
            "\tTunnel-Medium-Type:1 = IEEE-802,",
            "\tTunnel-Private-Group-Id:1 = \"100\",",
            "\tCisco-AVPair = \"shell:priv-lvl=15\",",
            "\tChargeable-User-Identity = \"cui-alice\"",
            "");
    /** What both relays are given, but for the NAS-Identifier that tells their requests apart in FreeRADIUS's log. */
    static final String AUTH = String.join(",\n", "User-Name = \"alice\"", "User-Password = \"alice-pw\"",
            "Calling-Station-Id = \"02-00-00-00-00-01\"", "Chargeable-User-Identity = 0x00",
            "Message-Authenticator = 0x00");
    static final String ACCT = String.join(",\n", "Acct-Status-Type = Start", "User-Name = \"alice\"",
            "Calling-Station-Id = \"02-00-00-00-00-01\"", "Tunnel-Type:1 = VLAN", "Chargeable-User-Identity = \"cui-alice\"");

    @TempDir
    static Path dir;
    static Peer peer;
    static RadsecproxyProcess proxy;
    static RadiusServerImpl server;
    static RewriteRegistry rewrites;
    static RelayConfiguration visited;
    static RelayConfiguration plain;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peers.assumeInstalled(Radclient.BINARY, "freeradius-utils");
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        peer = new Peer(dir, (pki, b) -> b.users(USERS).debug(true));
        proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("radsecproxy")))
                .tls(peer.pki.caCertificate(), peer.pki.server().certificate(), peer.pki.server().key())
                .upstream(peer.server)
                .rewrite("visited-request",
                        "modifyAttribute 31:/^([0-9A-F][0-9A-F])-([0-9A-F][0-9A-F])-(.*)$/\\1:\\2:\\3/",
                        "supplementAttribute 126:'1example.org")
                .rewrite("visited-answer", "removeAttribute 64", "removeAttribute 65", "removeAttribute 81",
                        "removeVendorAttribute 9")
                .clientRewrite("visited-request", null)
                .serverRewrite("visited-answer", null)
                .start();

        rewrites = new RewriteRegistry();
        RadiusDictionary dictionary = RadiusDictionary.of(Dictionary.standard());
        rewrite("eduroam-visited", shippedExample());
        rewrite("visited-out", Map.of("modify",
                "Calling-Station-Id = /^([0-9A-F]{2})-([0-9A-F]{2})-(.*)$/$1:$2:$3/"));
        rewrite("visited-in", Map.of("remove-vendor", "9"));
        peer.radsecDestination(1, "rewrite-out", "visited-out", "rewrite-in", "visited-in");
        peer.radsecDestination(2, "port", String.valueOf(proxy.port()));
        // connected before radclient's 3 s wait starts: on a loaded machine a first handshake can take that long
        Waits.until(() -> up(1) && up(2), Duration.ofSeconds(30), () -> "destinations 1 and 2 up: "
                + peer.client.statistics(1) + ", " + peer.client.statistics(2));

        server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        RelayRegistry relays = Relays.registry(peer.client);
        visited = new RelayConfiguration(new RadiusServerService(server), peer.client, relays, null, null, rewrites);
        visited.apply(relay("visited", "1", "realm-rewrites", "*=eduroam-visited"));
        plain = new RelayConfiguration(new RadiusServerService(server), peer.client, relays, null, null, rewrites);
        plain.apply(relay("plain", "2"));
    }

    private static boolean up(int destination) {
        return peer.client.statistics(destination).map(s -> s.state() == DestinationStatistics.State.UP).orElse(false);
    }

    /** The example the distribution ships, read as FileInstall reads a cfg file. */
    private static Map<String, Object> shippedExample() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent().getParent()
                .resolve("assembly/src/main/resources/assembly/etc/dev.radsec.rewrite-eduroam-visited.cfg.example");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(example)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    private static void rewrite(String name, Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put("service.pid", "dev.radsec.rewrite~" + name);
        new RewriteConfiguration(rewrites, RadiusDictionary.of(Dictionary.standard())).apply(p);
        assertTrue(rewrites.rewrite(name).orElseThrow().active(), name);
    }

    private static Map<String, Object> relay(String name, String destinations, String... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "dev.radsec.relay~" + name, "auth-port", "0",
                "acct-port", "0", "secret", NAS_SECRET, "destinations", destinations));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.closeAll(Relays.removal(visited), Relays.removal(plain), Relays.closing(server), proxy, peer);
    }

    private static int port(String listener) {
        return server.localAddress(listener).orElseThrow().getPort();
    }

    private static Radclient.Result radclient(String command, String listener, String input) throws Exception {
        return Radclient.start(Files.createTempDirectory(dir, "radclient"), new InetSocketAddress("127.0.0.1",
                port(listener)), command, NAS_SECRET, input).await(Duration.ofSeconds(20));
    }

    @Test
    void bothRelaysStripTheVlanAndCiscoFromTheAnswerAndAddOperatorNameToTheRequest() throws Exception {
        Radclient.Result ours = radclient("auth", "relay-visited-auth", AUTH + ",\nNAS-Identifier = \"nas-ours\"");
        Radclient.Result theirs = radclient("auth", "relay-plain-auth", AUTH + ",\nNAS-Identifier = \"nas-theirs\"");
        assertEquals(0, ours.exitCode(), ours + "\n" + peer.server.log());
        assertEquals(0, theirs.exitCode(), theirs + "\n" + proxy.log());

        List<String> ourAnswer = received(ours.output());
        assertEquals(List.of("Chargeable-User-Identity = 0x6375692d616c696365", "Message-Authenticator",
                "Reply-Message = \"hello alice\""), ourAnswer, ours.output());
        assertEquals(ourAnswer, received(theirs.output()), "radsecproxy's answer:\n" + theirs.output());

        String log = peer.server.log();
        assertEquals(2, sentWithVlanAndCisco(log), "FreeRADIUS answered both with what the relays removed:\n" + log);
        List<String> ourRequest = freeradiusGot(log, "nas-ours");
        assertTrue(ourRequest.contains("Operator-Name = \"1example.org\""), ourRequest + "\n" + log);
        assertTrue(ourRequest.contains("Calling-Station-Id = \"02:00:00-00-00-01\""), ourRequest.toString());
        assertEquals(ourRequest, freeradiusGot(log, "nas-theirs"), "what radsecproxy sent FreeRADIUS");

        RewriteStatistics eduroam = rewrites.rewrite("eduroam-visited").orElseThrow();
        assertTrue(eduroam.removed() >= 3 && eduroam.added() >= 1, eduroam.toString());
        assertTrue(rewrites.rewrite("visited-in").orElseThrow().removed() >= 1);
        assertTrue(rewrites.rewrite("visited-out").orElseThrow().modified() >= 1);
    }

    @Test
    void freeradiusDetailFileShowsTheSameAccountingRequestFromBothRelays() throws Exception {
        Radclient.Result ours = radclient("acct", "relay-visited-acct", ACCT + ",\nAcct-Session-Id = \"rw-ours\"");
        Radclient.Result theirs = radclient("acct", "relay-plain-acct", ACCT + ",\nAcct-Session-Id = \"rw-theirs\"");
        assertTrue(ours.output().contains("Received Accounting-Response"), ours.output());
        assertTrue(theirs.output().contains("Received Accounting-Response"), theirs.output() + proxy.log());
        List<String> ourRecord = detail("rw-ours");
        assertTrue(ourRecord.contains("Operator-Name = \"1example.org\""), ourRecord.toString());
        assertTrue(ourRecord.contains("Tunnel-Type:1 = VLAN"), "reply: items leave requests alone: " + ourRecord);
        assertTrue(ourRecord.contains("Calling-Station-Id = \"02:00:00-00-00-01\""), ourRecord.toString());
        assertEquals(ourRecord, detail("rw-theirs"));
    }

    /** The attributes of the answer radclient printed, sorted; Message-Authenticator without its value (per hop). */
    static List<String> received(String output) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("Received ")) {
                in = true;
            } else if (in && line.startsWith("\t") && line.contains(" = ")) {
                String a = line.trim();
                out.add(a.startsWith("Message-Authenticator") ? "Message-Authenticator" : a);
            } else if (in && !line.isBlank()) {
                in = false;
            }
        }
        return List.copyOf(new TreeSet<>(out));
    }

    private static final Pattern RECEIVED = Pattern.compile("\\((\\d+)\\) Received Access-Request");

    /**
     * The attributes FreeRADIUS logged for the Access-Request whose NAS-Identifier is {@code nas}, sorted, without
     * that NAS-Identifier and with Message-Authenticator without its value.
     */
    static List<String> freeradiusGot(String log, String nas) {
        List<String> lines = List.of(log.split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = RECEIVED.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            Pattern attribute = Pattern.compile("\\(" + m.group(1) + "\\)\\s{3}(\\S+ = .*)$");
            List<String> got = new ArrayList<>();
            for (int j = i + 1; j < lines.size(); j++) {
                Matcher a = attribute.matcher(lines.get(j));
                if (!a.find()) {
                    break;
                }
                String value = a.group(1).trim();
                got.add(value.startsWith("Message-Authenticator") ? "Message-Authenticator" : value);
            }
            if (got.remove("NAS-Identifier = \"" + nas + "\"")) {
                return List.copyOf(new TreeSet<>(got));
            }
        }
        throw new AssertionError("no Access-Request from " + nas + " in FreeRADIUS's log:\n" + log);
    }

    private static final Pattern SENT = Pattern.compile("\\((\\d+)\\) Sent Access-Accept");

    /** How many Access-Accepts FreeRADIUS logged with the VLAN and the Cisco-AVPair of alice's users entry. */
    static long sentWithVlanAndCisco(String log) {
        List<String> lines = List.of(log.split("\n"));
        long n = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SENT.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String block = "";
            for (int j = i + 1; j < lines.size() && lines.get(j).contains("(" + m.group(1) + ")   "); j++) {
                block += lines.get(j) + "\n";
            }
            if (block.contains("Tunnel-Type:1 = VLAN") && block.contains("Tunnel-Medium-Type:1 = IEEE-802")
                    && block.contains("Tunnel-Private-Group-Id:1 = \"100\"") && block.contains("Cisco-AVPair")) {
                n++;
            }
        }
        return n;
    }

    /**
     * The record of FreeRADIUS's detail files with this Acct-Session-Id, sorted, without what differs per request:
     * the session id and what the detail module adds (time stamps, unique id).
     */
    static List<String> detail(String session) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(peer.server.directory())) {
            for (Path p : walk.filter(p -> p.getFileName().toString().startsWith("detail-")).toList()) {
                files.add(Files.readString(p));
            }
        }
        for (String record : String.join("\n", files).split("\n\\s*\n")) {
            if (!record.contains("Acct-Session-Id = \"" + session + "\"")) {
                continue;
            }
            TreeSet<String> attributes = new TreeSet<>();
            for (String line : record.split("\n")) {
                String a = line.trim();
                if (line.startsWith("\t") && a.contains(" = ") && !a.startsWith("Acct-Session-Id")
                        && !a.startsWith("Acct-Unique-Session-Id") && !a.startsWith("Timestamp")
                        && !a.startsWith("Event-Timestamp")) {
                    attributes.add(a);
                }
            }
            return List.copyOf(attributes);
        }
        throw new AssertionError("no record of " + session + " in FreeRADIUS's detail files:\n" + files);
    }
}
