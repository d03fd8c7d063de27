package dev.radsec.codec.fuzz;

import dev.radsec.codec.interop.EapolTest;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.codec.interop.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the seed corpora of the fuzz targets (a tool, not a test): real packets and files, checked in under
 * {@code bundles/<module>/src/test/resources/fuzz/<target>/}. Run it again only to change the corpus:
 *
 * <pre>
 * mvn -o -q test-compile -pl bundles/codec
 * java -cp bundles/codec/target/test-classes:bundles/codec/target/classes dev.radsec.codec.fuzz.CaptureCorpus . [what]
 * </pre>
 *
 * <ul>
 *   <li>{@code codec decode-request}, {@code decode-response}: radclient and radeapclient 3.2.1 talk to a private
 *       FreeRADIUS 3.2.1 (stock configuration, {@link FreeRadiusProcess}) through a UDP relay on loopback that
 *       writes down every datagram each way. CoA-Request and Disconnect-Request are only written down (FreeRADIUS
 *       does not take them on its auth port).</li>
 *   <li>{@code transport framer}: the same packets back to back, as a RadSec stream carries them.</li>
 *   <li>{@code codec dictionary}: FreeRADIUS 3.2.1 dictionaries (CC-BY 4.0, headers kept) with each vendor format,
 *       TLVs, extended and EVS attributes, and the bundled RFC dictionaries.</li>
 *   <li>{@code transport dtls-hello}: the first datagram of openssl 3's {@code s_client -dtls1_2} (and
 *       {@code -dtls1}) sent to a UDP socket on loopback, and the JDK's DTLS 1.2 ClientHello.</li>
 *   <li>{@code pki pem}, {@code pkcs12}, {@code crl}: made by openssl 3: certificates, keys in every format the
 *       reader takes, a CSR, PKCS#12 files and CRLs. Password {@link #PASSWORD}.</li>
 * </ul>
 * The users files ({@code server users-file}) are written by hand.
 */
public final class CaptureCorpus {
    /** The shared secret of the captured packets; the decode targets verify them with it. */
    public static final String SECRET = "fuzz-corpus-secret";
    /** The password of the encrypted keys and PKCS#12 files. */
    public static final String PASSWORD = "fuzz-pw";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Path root;
    private final Path work;
    private final List<byte[]> requests = new ArrayList<>();
    private final List<byte[]> responses = new ArrayList<>();

    private CaptureCorpus(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    /**
     * @param args the repository root, then optionally which corpora to write: {@code packets} (also writes the
     *             streams), {@code streams} (from the packets already in the corpus), {@code dictionaries},
     *             {@code pki}; all by default
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("bundles/codec"))) {
            throw new IllegalArgumentException(root + " is not the repository root");
        }
        List<String> what = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("packets", "dictionaries", "pki", "hellos");
        CaptureCorpus c = new CaptureCorpus(root, Files.createTempDirectory("capture-corpus"));
        if (what.contains("packets")) {
            c.packets();
            System.out.println("requests " + c.requests.size() + ", responses " + c.responses.size());
        }
        if (what.contains("packets") || what.contains("streams")) {
            c.streams();
        }
        if (what.contains("dictionaries")) {
            c.dictionaries();
        }
        if (what.contains("pki")) {
            c.pki();
        }
        if (what.contains("hellos")) {
            c.dtlsHellos();
        }
    }

    // ---- packets ----

    private static final String USERS = String.join("\n",
            "alice Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"Hello, alice\",",
            "\tReply-Message += \"a second line, with a comma\",",
            "\tSession-Timeout = 3600,",
            "\tIdle-Timeout = 600,",
            "\tAcct-Interim-Interval = 300,",
            "\tFramed-IP-Address = 192.0.2.77,",
            "\tFramed-IP-Netmask = 255.255.255.0,",
            "\tFramed-Route = \"198.51.100.0/24 192.0.2.1 1\",",
            "\tFramed-IPv6-Prefix = 2001:db8:77::/64,",
            "\tDelegated-IPv6-Prefix = 2001:db8:7700::/56,",
            "\tFilter-Id = \"staff\",",
            "\tClass = 0x636c6173732d6f662d616c696365,",
            "\tTunnel-Type:1 = VLAN,",
            "\tTunnel-Medium-Type:1 = IEEE-802,",
            "\tTunnel-Private-Group-Id:1 = \"42\",",
            "\tTunnel-Password:2 = \"tunnel-secret\",",
            "\tCisco-AVPair = \"shell:priv-lvl=15\",",
            "\tCisco-AVPair += \"ip:addr-pool=staff\",",
            "\tWiMAX-Release = \"2.1\",",
            "\tWiMAX-Accounting-Capabilities = 1,",
            "\tMS-MPPE-Send-Key = 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,",
            "\tMS-MPPE-Recv-Key = 0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f,",
            "\tFrag-Status = Reserved,",
            "\tFreeRADIUS-802.1X-Anonce = 0x00112233445566778899aabbccddeeff",
            "",
            "carol Cleartext-Password := \"carol-pw\"",
            "\tReply-Message = \"CHAP for carol\",",
            "\tService-Type = Framed-User,",
            "\tFramed-Protocol = PPP",
            "",
            "bob Cleartext-Password := \"bob-pw\"",
            "\tReply-Message = \"Hello, bob\"",
            "");

    private record Exchange(String name, String command, String input) {
    }

    private static final List<Exchange> EXCHANGES = List.of(
            new Exchange("pap", "auth", String.join(",", "User-Name = \"alice\"", "User-Password = \"alice-pw\"",
                    "NAS-IP-Address = 192.0.2.10", "NAS-Port = 7", "NAS-Port-Type = Wireless-802.11",
                    "Called-Station-Id = \"00-11-22-33-44-55:corp\"", "Calling-Station-Id = \"66-77-88-99-aa-bb\"",
                    "NAS-Identifier = \"ap-1\"", "Framed-MTU = 1400", "Connect-Info = \"CONNECT 802.11ac\"",
                    "Service-Type = Framed-User", "Message-Authenticator = 0x00")),
            new Exchange("pap-long-password", "auth", String.join(",", "User-Name = \"alice\"",
                    "User-Password = \"" + "x".repeat(120) + "\"", "NAS-IP-Address = 192.0.2.10",
                    "Message-Authenticator = 0x00")),
            new Exchange("pap-attributes", "auth", String.join(",", "User-Name = \"alice@example.org\"",
                    "User-Password = \"alice-pw\"", "NAS-IPv6-Address = 2001:db8::10", "NAS-Port-Id = \"ge-0/0/1.100\"",
                    "Framed-Interface-Id = 0:0:0:1", "Framed-IPv6-Prefix = 2001:db8:1::/48",
                    "Operator-Name = \"1example.org\"", "Chargeable-User-Identity = 0x00",
                    "Tunnel-Type:1 = VLAN", "Tunnel-Medium-Type:1 = IEEE-802", "Tunnel-Private-Group-Id:1 = \"10\"",
                    "Cisco-AVPair = \"audit-session-id=0a0b0c0d\"", "WiMAX-Release = \"1.0\"",
                    "WiMAX-Idle-Mode-Notification-Cap = 1", "Event-Timestamp = 1700000000",
                    "Allowed-Called-Station-Id = \"corp\"", "Mobility-Domain-Id = 7", "WLAN-Venue-Language = 0x656e67",
                    "EAP-Key-Name = 0x0102", "Proxy-State = 0x313233", "Frag-Status = Reserved",
                    "FreeRADIUS-802.1X-Anonce = 0x0001", "Ascend-Data-Filter = \"ip in forward tcp est\"",
                    "Message-Authenticator = 0x00")),
            new Exchange("eap-message-concat", "auth", String.join(",", "User-Name = \"alice\"",
                    "EAP-Message = 0x0201025c0d00" + "16".repeat(598), "State = 0x01020304",
                    "Message-Authenticator = 0x00")),
            new Exchange("chap", "auth", String.join(",", "User-Name = \"carol\"", "CHAP-Password = \"carol-pw\"",
                    "NAS-IP-Address = 192.0.2.11", "NAS-Port = 1", "Message-Authenticator = 0x00")),
            new Exchange("reject", "auth", String.join(",", "User-Name = \"bob\"", "User-Password = \"wrong\"",
                    "NAS-IP-Address = 192.0.2.12", "Message-Authenticator = 0x00")),
            new Exchange("unknown-user", "auth", String.join(",", "User-Name = \"mallory\"",
                    "User-Password = \"x\"", "NAS-Identifier = \"ap-2\"")),
            new Exchange("status", "status", "Message-Authenticator = 0x00"),
            new Exchange("acct-start", "acct", String.join(",", "User-Name = \"alice\"", "Acct-Status-Type = Start",
                    "Acct-Session-Id = \"5f3e-0001\"", "Acct-Multi-Session-Id = \"m-1\"", "NAS-IP-Address = 192.0.2.10",
                    "NAS-Port = 7", "Framed-IP-Address = 192.0.2.77", "Calling-Station-Id = \"66-77-88-99-aa-bb\"",
                    "Event-Timestamp = 1700000000", "Acct-Delay-Time = 0", "Acct-Authentic = RADIUS",
                    "Class = 0x636c6173732d6f662d616c696365")),
            new Exchange("acct-interim", "acct", String.join(",", "User-Name = \"alice\"",
                    "Acct-Status-Type = Interim-Update", "Acct-Session-Id = \"5f3e-0001\"",
                    "NAS-IP-Address = 192.0.2.10", "Acct-Input-Octets = 4294967295", "Acct-Input-Gigawords = 3",
                    "Acct-Output-Octets = 12345", "Acct-Input-Packets = 10", "Acct-Output-Packets = 20",
                    "Acct-Session-Time = 300", "Framed-IPv6-Prefix = 2001:db8:77::/64",
                    "Delegated-IPv6-Prefix = 2001:db8:7700::/56", "Event-Timestamp = 1700000300")),
            new Exchange("acct-stop", "acct", String.join(",", "User-Name = \"alice\"", "Acct-Status-Type = Stop",
                    "Acct-Session-Id = \"5f3e-0001\"", "NAS-IP-Address = 192.0.2.10",
                    "Acct-Terminate-Cause = User-Request", "Acct-Session-Time = 600", "Event-Timestamp = 1700000600",
                    "Cisco-AVPair = \"disc-cause-ext=1002\"", "Message-Authenticator = 0x00")),
            new Exchange("acct-on", "acct", String.join(",", "Acct-Status-Type = Accounting-On",
                    "Acct-Session-Id = \"0\"", "NAS-Identifier = \"ap-1\"")),
            new Exchange("coa", "coa", String.join(",", "User-Name = \"alice\"", "Acct-Session-Id = \"5f3e-0001\"",
                    "Filter-Id = \"quarantine\"", "Session-Timeout = 60", "Message-Authenticator = 0x00")),
            new Exchange("disconnect", "disconnect", String.join(",", "User-Name = \"alice\"",
                    "Acct-Session-Id = \"5f3e-0001\"", "Calling-Station-Id = \"66-77-88-99-aa-bb\"",
                    "NAS-IP-Address = 192.0.2.10")));

    private void packets() throws Exception {
        TestPki pki = TestPki.create(work.resolve("eap-pki"));
        try (FreeRadiusProcess server = FreeRadiusProcess.builder(work).secret(SECRET).users(USERS)
                .eap(pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start();
             DatagramSocket front = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket back = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Thread relay = new Thread(() -> relay(front, back, server), "capture-relay");
            relay.setDaemon(true);
            relay.start();
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, front.getLocalPort());
            for (Exchange e : EXCHANGES) {
                List<String> options = e.command().equals("coa") || e.command().equals("disconnect")
                        ? List.of("-x", "-r", "1", "-t", "1") : Radclient.DEFAULT_OPTIONS;
                Radclient.Result r = Radclient.start(work, options, to, e.command(), SECRET, e.input())
                        .await(Duration.ofSeconds(20));
                System.out.println(e.name() + ": radclient exit " + r.exitCode());
            }
            Radclient.Result eap = Radclient.startEap(work, to, SECRET, String.join(",\n", "User-Name = \"bob\"",
                    "Cleartext-Password = \"bob-pw\"", "EAP-Code = Response", "EAP-Id = 1",
                    "EAP-Type-Identity = \"bob\"", "Message-Authenticator = 0x00")).await(Duration.ofSeconds(20));
            System.out.println("eap-md5: radeapclient exit " + eap.exitCode());
            // EAP-TLS and PEAP: Access-Challenges with fragmented EAP-Message, Access-Accepts with MS-MPPE keys
            System.out.println("eap-tls: " + EapolTest.run(work, EapolTest.tls("client", pki.caCertificate(),
                    pki.client().certificate(), pki.client().key()), to, SECRET).accessAccept());
            System.out.println("peap: " + EapolTest.run(work, EapolTest.peapMschapv2("bob", "bob-pw",
                    pki.caCertificate()), to, SECRET).accessAccept());
        }
        Path req = root.resolve("bundles/codec/src/test/resources/fuzz/decode-request");
        Path resp = root.resolve("bundles/codec/src/test/resources/fuzz/decode-response");
        write(req, "request", requests);
        write(resp, "response", responses);
    }

    /** Passes each datagram on and writes it down: radclient → FreeRADIUS and back, one exchange at a time. */
    private void relay(DatagramSocket front, DatagramSocket back, FreeRadiusProcess server) {
        byte[] buf = new byte[4096];
        try {
            back.setSoTimeout(3000);
            while (true) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                front.receive(in);
                byte[] request = Arrays.copyOf(in.getData(), in.getLength());
                SocketAddress client = in.getSocketAddress();
                synchronized (this) {
                    requests.add(request);
                }
                int code = request[0] & 0xFF;
                if (code != 1 && code != 4 && code != 12) {
                    continue; // CoA and Disconnect: FreeRADIUS has no listener for them here
                }
                back.send(new DatagramPacket(request, request.length,
                        code == 4 ? server.acctAddress() : server.authAddress()));
                DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
                try {
                    back.receive(answer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] response = Arrays.copyOf(answer.getData(), answer.getLength());
                synchronized (this) {
                    responses.add(response);
                }
                front.send(new DatagramPacket(response, response.length, client));
            }
        } catch (IOException e) {
            // closed: done
        }
    }

    private static void write(Path dir, String prefix, List<byte[]> items) throws IOException {
        Files.createDirectories(dir);
        int n = 0;
        for (byte[] b : items) {
            String code = String.valueOf(b[0] & 0xFF);
            Files.write(dir.resolve(String.format(Locale.ROOT, "%s-%02d-code%s.bin", prefix, n++, code)), b);
        }
    }

    /**
     * The captured packets back to back, as one RadSec connection carries them, for the framer: runs of three
     * requests, of three responses, and request/response pairs (a few KB each, so that the framer's fuzz target, which
     * also feeds each input byte by byte, stays fast).
     */
    private void streams() throws IOException {
        List<byte[]> req = read(root.resolve("bundles/codec/src/test/resources/fuzz/decode-request"));
        List<byte[]> resp = read(root.resolve("bundles/codec/src/test/resources/fuzz/decode-response"));
        Path dir = root.resolve("bundles/transport/src/test/resources/fuzz/framer");
        Files.createDirectories(dir);
        for (int i = 0; i + 3 <= req.size(); i += 6) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "stream-requests-%02d.bin", i)), concat(req.subList(i, i + 3)));
        }
        for (int i = 0; i + 3 <= resp.size(); i += 6) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "stream-responses-%02d.bin", i)), concat(resp.subList(i, i + 3)));
        }
        for (int i = 0; i < Math.min(req.size(), resp.size()); i += 5) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "stream-exchange-%02d.bin", i)),
                    concat(List.of(req.get(i), resp.get(i))));
        }
    }

    private static List<byte[]> read(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                out.add(Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- dictionaries ----

    private static final List<String> FREERADIUS_DICTIONARIES = List.of("dictionary.cisco", "dictionary.microsoft", "dictionary.wimax",
            "dictionary.telrad", "dictionary.alcatel.esam", "dictionary.rfc6929", "dictionary.rfc6930",
            "dictionary.rfc7268", "dictionary.rfc7499", "dictionary.rfc2868",
            "dictionary.rfc5580");

    private void dictionaries() throws IOException {
        Path dir = root.resolve("bundles/codec/src/test/resources/fuzz/dictionary");
        Files.createDirectories(dir);
        Path freeradius = Path.of("/usr/share/freeradius");
        for (String name : FREERADIUS_DICTIONARIES) {
            Files.copy(freeradius.resolve(name), dir.resolve("freeradius-" + name), REPLACE);
        }
        // FreeRADIUS's vendor is defined in its dictionary.freeradius, which is large: only its VENDOR line goes in.
        Files.writeString(dir.resolve("freeradius-dictionary.freeradius.evs5"), "VENDOR\tFreeRADIUS\t11344\n"
                + Files.readString(freeradius.resolve("dictionary.freeradius.evs5")));
        Path ours = root.resolve("bundles/codec/src/main/resources/dev/radsec/codec/dictionary");
        for (String name : List.of("dictionary.rfc2865", "dictionary.rfc2869", "dictionary.rfc6572", "dictionary.rfc7055")) {
            Files.copy(ours.resolve(name), dir.resolve("bundled-" + name), REPLACE);
        }
        Path tests = root.resolve("bundles/codec/src/test/resources/dictionaries");
        for (String name : List.of("dictionary.test-usr", "dictionary.test-lucent", "dictionary.test-misc",
                "dictionary.test-root")) {
            Files.copy(tests.resolve(name), dir.resolve("test-" + name), REPLACE);
        }
    }

    private static final java.nio.file.CopyOption REPLACE = java.nio.file.StandardCopyOption.REPLACE_EXISTING;

    // ---- DTLS ClientHellos ----

    private void dtlsHellos() throws Exception {
        Path dir = root.resolve("bundles/transport/src/test/resources/fuzz/dtls-hello");
        Files.createDirectories(dir);
        for (String version : List.of("-dtls1_2", "-dtls1")) {
            try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                server.setSoTimeout(5000);
                Process client = new ProcessBuilder(TestPki.OPENSSL.toString(), "s_client", version, "-connect",
                        "127.0.0.1:" + server.getLocalPort()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    DatagramPacket hello = new DatagramPacket(new byte[4096], 4096);
                    server.receive(hello);
                    Files.write(dir.resolve("openssl" + version + ".bin"), Arrays.copyOf(hello.getData(), hello.getLength()));
                } catch (SocketTimeoutException e) {
                    System.out.println("openssl s_client " + version + " sent nothing");
                } finally {
                    client.destroyForcibly().waitFor();
                }
            }
        }
        for (String protocol : List.of("DTLSv1.2")) { // the JDK 17 disables DTLS 1.0
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("DTLS");
            context.init(null, null, null);
            javax.net.ssl.SSLEngine engine = context.createSSLEngine("radsec.example.org", 2083);
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {protocol});
            engine.beginHandshake();
            java.nio.ByteBuffer net = java.nio.ByteBuffer.allocate(16709);
            engine.wrap(java.nio.ByteBuffer.allocate(0), net);
            net.flip();
            byte[] hello = new byte[net.remaining()];
            net.get(hello);
            Files.write(dir.resolve("jdk-" + protocol + ".bin"), hello);
        }
    }

    // ---- PKI ----

    private void pki() throws IOException {
        Path p = work.resolve("pki");
        TestPki pki = TestPki.create(p);
        TestPki.Credential server = pki.issue("fuzz-server", "radsec.example.org", "DNS:radsec.example.org",
                "DNS:*.example.org", "IP:192.0.2.1", "IP:2001:db8::1", "email:ops@example.org",
                "URI:https://example.org/", "otherName:1.3.6.1.5.5.7.8.8;UTF8:example.org");
        Path pem = root.resolve("bundles/pki/src/test/resources/fuzz/pem");
        Path p12 = root.resolve("bundles/pki/src/test/resources/fuzz/pkcs12");
        Path crl = root.resolve("bundles/pki/src/test/resources/fuzz/crl");
        for (Path d : List.of(pem, p12, crl)) {
            Files.createDirectories(d);
        }
        String pw = "pass:" + PASSWORD;
        // certificates
        Files.copy(pki.caCertificate(), pem.resolve("ca-ec.pem"), REPLACE);
        Files.writeString(pem.resolve("chain-ec.pem"),
                Files.readString(server.certificate()) + Files.readString(pki.caCertificate()));
        Files.writeString(pem.resolve("cert-and-key-ec.pem"),
                Files.readString(server.certificate()) + Files.readString(server.key()));
        openssl(p, "x509", "-in", server.certificate(), "-outform", "DER", "-out", pem.resolve("cert-ec.der"));
        openssl(p, "x509", "-in", pki.caCertificate(), "-trustout", "-addtrust", "serverAuth", "-out",
                pem.resolve("ca-trusted.pem"));
        openssl(p, "x509", "-in", server.certificate(), "-text", "-out", pem.resolve("cert-with-text.pem"));
        Path rsaKey = p.resolve("rsa.key");
        Path rsaCert = p.resolve("rsa.pem");
        openssl(p, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", rsaKey, "-out", rsaCert, "-days",
                "365", "-subj", "/CN=rsa.example.org/O=Example", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "crlDistributionPoints=URI:http://example.org/ca.crl",
                "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.example.org",
                "-addext", "certificatePolicies=1.2.3.4");
        Files.writeString(pem.resolve("cert-and-key-rsa.pem"), Files.readString(rsaCert) + Files.readString(rsaKey));
        Path edKey = p.resolve("ed.key");
        openssl(p, "genpkey", "-algorithm", "ed25519", "-out", edKey);
        openssl(p, "req", "-x509", "-key", edKey, "-out", pem.resolve("cert-ed25519.pem"), "-days", "365",
                "-subj", "/CN=ed.example.org");
        // keys
        Files.copy(server.key(), pem.resolve("key-ec-pkcs8.pem"), REPLACE);
        Files.copy(edKey, pem.resolve("key-ed25519.pem"), REPLACE);
        openssl(p, "ec", "-in", server.key(), "-out", pem.resolve("key-ec-sec1.pem"));
        openssl(p, "ecparam", "-name", "prime256v1", "-genkey", "-out", pem.resolve("key-ec-with-params.pem"));
        openssl(p, "rsa", "-in", rsaKey, "-traditional", "-out", pem.resolve("key-rsa-pkcs1.pem"));
        openssl(p, "rsa", "-in", rsaKey, "-traditional", "-aes128", "-passout", pw, "-out",
                pem.resolve("key-rsa-legacy-encrypted.pem"));
        openssl(p, "ec", "-in", server.key(), "-aes256", "-passout", pw, "-out",
                pem.resolve("key-ec-legacy-encrypted.pem"));
        openssl(p, "pkcs8", "-topk8", "-in", server.key(), "-v2", "aes-256-cbc", "-iter", "1", "-passout", pw,
                "-out", pem.resolve("key-ec-pkcs8-encrypted.pem"));
        openssl(p, "pkcs8", "-topk8", "-in", server.key(), "-v2", "aes-128-cbc", "-passout", pw, "-outform", "DER",
                "-out", pem.resolve("key-ec-pkcs8-encrypted.der"));
        openssl(p, "pkcs8", "-topk8", "-in", server.key(), "-nocrypt", "-outform", "DER", "-out",
                pem.resolve("key-ec-pkcs8.der"));
        openssl(p, "req", "-new", "-key", server.key(), "-subj", "/CN=csr.example.org", "-out",
                pem.resolve("csr-ec.pem"));
        openssl(p, "req", "-new", "-key", rsaKey, "-subj", "/CN=csr-rsa.example.org", "-out",
                pem.resolve("csr-rsa.pem"));
        // PKCS#12
        openssl(p, "pkcs12", "-export", "-in", server.certificate(), "-inkey", server.key(), "-certfile",
                pki.caCertificate(), "-passout", pw, "-noiter", "-nomaciter", "-out", p12.resolve("ec-chain-iter1.p12"));
        openssl(p, "pkcs12", "-export", "-in", rsaCert, "-inkey", rsaKey, "-passout", pw, "-noiter", "-nomaciter",
                "-out", p12.resolve("rsa-iter1.p12"));
        openssl(p, "pkcs12", "-export", "-in", server.certificate(), "-inkey", server.key(), "-passout", pw,
                "-out", p12.resolve("ec-default.p12"));
        openssl(p, "pkcs12", "-export", "-in", server.certificate(), "-inkey", server.key(), "-passout", pw,
                "-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES", "-macalg", "sha1", "-noiter", "-nomaciter",
                "-out", p12.resolve("ec-3des-sha1.p12"));
        openssl(p, "pkcs12", "-export", "-in", pki.caCertificate(), "-nokeys", "-passout", pw, "-noiter", "-nomaciter",
                "-out", p12.resolve("certificate-only.p12"));
        // CRLs
        Files.copy(pki.crl(), crl.resolve("crl-empty.pem"), REPLACE);
        pki.revoke(server);
        pki.revoke(pki.issue("fuzz-second", "second.example.org", "DNS:second.example.org"));
        Path revoked = pki.crl();
        Files.copy(revoked, crl.resolve("crl-two-revoked.pem"), REPLACE);
        openssl(p, "crl", "-in", revoked, "-outform", "DER", "-out", crl.resolve("crl-two-revoked.der"));
        Files.writeString(crl.resolve("crl-twice.pem"), Files.readString(revoked) + Files.readString(crl.resolve("crl-empty.pem")));
        openssl(p, "crl", "-in", revoked, "-text", "-out", crl.resolve("crl-with-text.pem"));
    }

    private static void openssl(Path workDir, Object... args) throws IOException {
        TestPki.openssl(workDir, Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    }
}
