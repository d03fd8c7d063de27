package dev.radsec.transport.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real FreeRADIUS with a RadSec listener and UDP ports, and our client configured for it the way an operator
 * would: a PKI with a client certificate and trust store by name, and destinations by id.
 */
final class Peer extends OurSide implements AutoCloseable {
    static final String USERS = String.join("\n",
            "alice Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"hello alice\",",
            "\tSession-Timeout = 3600",
            "bob Cleartext-Password := \"bob-pw\"",
            "\tReply-Message = \"hello bob\"",
            "");
    static final String UDP_SECRET = "udp-interop-secret";

    final FreeRadiusProcess server;
    final RadiusClientImpl client;

    /** Adjusts the FreeRADIUS a {@link Peer} starts, given the PKI (e.g. to revoke and check CRLs). */
    interface ServerSetup {
        FreeRadiusProcess.Builder apply(TestPki pki, FreeRadiusProcess.Builder builder) throws IOException;
    }

    /**
     * A peer in {@code dir}, as {@link #Peer(Path)}; the calling test is skipped where FreeRADIUS is not installed
     * (and fails in CI).
     */
    static Peer started(Path dir) throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        return new Peer(dir);
    }

    /**
     * Real radsecproxy in {@code dir/radsecproxy}: a RadSec server with this peer's server certificate, in front of
     * its FreeRADIUS.
     */
    RadsecproxyProcess radsecproxy(Path dir) throws Exception {
        return RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("radsecproxy")))
                .tls(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .upstream(server)
                .start();
    }

    Peer(Path dir) throws Exception {
        this(dir, (pki, builder) -> builder);
    }

    /** As {@link #Peer(Path)}, with the server's builder passed through {@code setup} before it starts. */
    Peer(Path dir, ServerSetup setup) throws Exception {
        super(dir, "test", "client");
        try {
            server = setup.apply(pki, serverBuilder(dir.resolve("freeradius"), pki, 0)).start();
        } catch (Exception | Error e) {
            closePki();
            throw e;
        }
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
    }

    /**
     * The builder {@link #Peer(Path)} starts its server with: the test users, {@link #UDP_SECRET}, and a RadSec
     * listener on {@code radsecPort} (0: a free one) with the PKI's server certificate; quiet. For starting
     * another server, e.g. on the same RadSec port after a restart.
     */
    static FreeRadiusProcess.Builder serverBuilder(Path workDir, TestPki pki, int radsecPort) throws IOException {
        return FreeRadiusProcess.builder(java.nio.file.Files.createDirectories(workDir))
                .secret(UDP_SECRET)
                .users(USERS)
                .radsec(radsecPort, pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .debug(false);
    }

    /** Destination 1: RadSec to the server's listener. */
    void radsecDestination(int id, String... extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                "port", String.valueOf(server.radsecPort()), "tls-certificate", "client"));
        put(p, extra);
        client.destinationConfigured("dest-" + id, p);
    }

    /** Plain UDP to the server's auth and accounting ports. */
    void udpDestination(int id, String... extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                "protocol", "udp", "port", String.valueOf(server.authPort()),
                "accounting-port", String.valueOf(server.acctPort()), "secret", UDP_SECRET));
        put(p, extra);
        client.destinationConfigured("dest-" + id, p);
    }

    private static void put(Map<String, Object> p, String... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        closePki();
        server.close();
    }
}
