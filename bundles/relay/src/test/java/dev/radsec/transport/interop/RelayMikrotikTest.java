package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MikroTik settings a relay acts on, with radclient as the NAS and two real FreeRADIUS 3.2.1 servers behind
 * RadSec destinations: {@code called-id} and {@code service} choose among the relay's destinations, the relay's
 * default {@code realm} routes names without one, and {@code realm-append} sends them on as {@code user@realm}.
 * Which server answered, and under which name it saw the user, is told by the Reply-Message of the users entry that
 * matched: server A answers alice with "hello alice" and alice@example.org with "realm seen", server B answers alice
 * with "hello from B".
 */
class RelayMikrotikTest {
    static final String NAS_SECRET = "nas-secret-mikrotik";
    static final String USERS_A = String.join("\n",
            "\"alice@example.org\" Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"realm seen\"",
            "") + Peer.USERS;
    static final String USERS_B = String.join("\n",
            "alice Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"hello from B\"",
            "bob@other.org Cleartext-Password := \"bob-pw\"",
            "\tReply-Message = \"bob at B\"",
            "");

    @TempDir
    static Path dir;
    static Peer peer;
    static FreeRadiusProcess serverB;
    static RadiusServerImpl server;
    static final Map<String, RelayConfiguration> relays = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(Radclient.BINARY, Radclient.PACKAGE);
        peer = new Peer(dir, (pki, b) -> b.users(USERS_A));
        serverB = Peer.serverBuilder(dir.resolve("b"), peer.pki, 0).users(USERS_B).start();
        server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
    }

    @AfterAll
    static void stop() throws Exception {
        for (RelayConfiguration r : relays.values()) {
            r.remove();
        }
        Peers.closeAll(Relays.closing(server), serverB, peer);
    }

    /** Relay {@code name} on free ports with the NAS secret and {@code kv}; returns its auth port. */
    static int relay(String name, String... kv) throws Exception {
        Map<String, Object> cfg = new HashMap<>(Map.of("service.pid", "dev.radsec.relay." + name, "name", name,
                "auth-port", "0", "acct-port", "0", "secret", NAS_SECRET));
        for (int i = 0; i < kv.length; i += 2) {
            cfg.put(kv[i], kv[i + 1]);
        }
        RelayConfiguration r = relays.computeIfAbsent(name, n -> Relays.relay(server, peer.client));
        r.apply(cfg);
        return server.localAddress("relay-" + name + "-auth").orElseThrow().getPort();
    }

    /** RadSec destination {@code id} to server A ({@code a}) or B, with {@code kv}. */
    static void destination(int id, boolean a, String... kv) throws Exception {
        String[] all = new String[kv.length + 2];
        all[0] = "port";
        all[1] = String.valueOf(a ? peer.server.radsecPort() : serverB.radsecPort());
        System.arraycopy(kv, 0, all, 2, kv.length);
        peer.radsecDestination(id, all);
    }

    /** radclient's output for a PAP login through the relay on {@code port}, with {@code extra} attributes. */
    static String login(int port, String user, String password, String... extra) throws Exception {
        StringBuilder input = new StringBuilder("User-Name = \"" + user + "\",\nUser-Password = \"" + password
                + "\",\nMessage-Authenticator = 0x00");
        for (String attribute : extra) {
            input.append(",\n").append(attribute);
        }
        return Radclient.start(Files.createTempDirectory(dir, "radclient"), new InetSocketAddress("127.0.0.1", port),
                "auth", NAS_SECRET, input.toString()).await(Duration.ofSeconds(20)).output();
    }

    static void assertAnswer(String output, String replyMessage) {
        assertTrue(output.contains("Received Access-Accept") && output.contains("Reply-Message = \"" + replyMessage
                + "\""), () -> "expected an Accept with '" + replyMessage + "':\n" + output + "\n" + peer.server.log());
    }

    @Test
    void calledIdAndServiceChooseAmongTheRelaysDestinationsInTheirOrder() throws Exception {
        destination(1, true, "called-id", "*:corp");
        destination(2, false);
        int port = relay("chooser", "destinations", "1, 2");
        String corp = "Called-Station-Id = \"00-11-22-33-44-55:CORP\"";
        String guest = "Called-Station-Id = \"00-11-22-33-44-55:guest\"";
        assertAnswer(login(port, "alice", "alice-pw", corp), "hello alice"); // A: the pattern matches, case ignored
        assertAnswer(login(port, "alice", "alice-pw", guest), "hello from B");
        assertAnswer(login(port, "alice", "alice-pw"), "hello from B"); // no Called-Station-Id: no match

        destination(1, true, "called-id", "*:corp", "service", "login");
        assertAnswer(login(port, "alice", "alice-pw", corp), "hello from B"); // a login server: the relay skips it
        destination(1, true, "called-id", "*:corp", "service", "relay");
        assertAnswer(login(port, "alice", "alice-pw", corp), "hello alice");
    }

    @Test
    void theDefaultRealmRoutesAndRealmAppendSendsTheNameOnWithIt() throws Exception {
        destination(3, true);
        destination(4, false);
        int plain = relay("plain", "destinations", "4", "realm", "example.org", "realms", "example.org=3, *=4");
        // the default realm routes alice to A, which sees the name as the NAS sent it
        assertAnswer(login(plain, "alice", "alice-pw"), "hello alice");
        assertAnswer(login(plain, "bob@other.org", "bob-pw"), "bob at B");

        int append = relay("append", "destinations", "4", "realm", "example.org", "realms", "example.org=3, *=4",
                "realm-append", "true");
        // routed as before (by the default realm, to A), and A sees alice@example.org
        assertAnswer(login(append, "alice", "alice-pw"), "realm seen");
        assertAnswer(login(append, "bob@other.org", "bob-pw"), "bob at B"); // a realm of its own: untouched
    }
}
