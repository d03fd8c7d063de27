package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.holds;
import static dev.radsec.itests.KarafTestSupport.list;
import static dev.radsec.itests.KarafTestSupport.logSince;
import static dev.radsec.itests.KarafTestSupport.logSize;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.ms;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RequestContext;

/**
 * Feature {@code radsec-transport} in a real Karaf: a RadSec client (destination) talks mutual TLS to a RadSec
 * listener in the same container, both configured by cfg files that fileinstall picks up from {@code etc}, with
 * certificates issued by the organisation CA and a request handler registered from the test (the whiteboard).
 *
 * <p>Waits are bounded polls on real asynchronous work: fileinstall polls {@code etc} every second, the PKI
 * debounces file events 500 ms, and the destination connects (TLS handshake) on its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportFeatureIT extends KarafTestSupport {

    private static final String BUNDLE = "dev.radsec.transport";
    private static final String DESTINATION_PID = "dev.radsec.destination";
    private static final String LISTENER_PID = "dev.radsec.listener";
    private static final String LISTENER = "it";
    private static final int DESTINATION = 1;
    /** A RadSec destination times out a request after 5 s by default; this only bounds the test's wait. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);


    @Configuration
    public Option[] config() {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-transport")};
    }

    // ------------------------------------------------------------------------------------------------ 1

    @Test
    public void transportBundleIsActiveAndPublishesTheClient() throws Exception {
        for (String name : List.of("dev.radsec.codec", "dev.radsec.common", "dev.radsec.pki", BUNDLE)) {
            activeBundle(name);
        }
        services.get(RadiusClient.class);
        assertEquals("RadiusClient comes from " + BUNDLE, BUNDLE,
                bundleContext.getServiceReference(RadiusClient.class).getBundle().getSymbolicName());
    }

    // ------------------------------------------------------------------------------------------------ 7

    @Test
    public void metatypeDescribesDestinationsAndListeners() throws Exception {
        MetaTypeInformation info = metatype(BUNDLE, DESTINATION_PID, LISTENER_PID);

        Map<String, AttributeDefinition> destination = attributes(info, DESTINATION_PID);
        Set<String> expected = new LinkedHashSet<>(List.of("id", "address", "port", "protocol", "secret",
                "id-reuse-timeout", "max-tx-buffers", "source-address", "tls-certificate", "tls-trust",
                "tls-min-version", "tls-peer-name", "tls-timeout", "timeout", "retries", "require-message-auth",
                "status-server", "idle-timeout", "dynamic-requests", "accounting-port"));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(destination.keySet());
        assertTrue("attribute ids of " + DESTINATION_PID + " " + destination.keySet() + " lack " + missing,
                missing.isEmpty());
        assertEquals("type of secret", AttributeDefinition.PASSWORD, destination.get("secret").getType());
        assertEquals("default of tls-trust", List.of("default"), defaults(destination.get("tls-trust")));

        Map<String, AttributeDefinition> listener = attributes(info, LISTENER_PID);
        Set<String> listenerMissing = new TreeSet<>(List.of("name", "protocol", "address", "port", "clients",
                "secret", "tls-certificate", "tls-trust", "tls-min-version", "allowed-peer-names",
                "require-message-auth", "duplicate-window"));
        listenerMissing.removeAll(listener.keySet());
        assertTrue("attribute ids of " + LISTENER_PID + " " + listener.keySet() + " lack " + listenerMissing,
                listenerMissing.isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ 2..6

    @Test
    public void radsecClientGetsAnswersFromRadsecListenerInTheSameKaraf() throws Exception {
        RadiusClient client = services.get(RadiusClient.class);
        CredentialService credentials = services.get(CredentialService.class);
        OrganisationCa ca = services.get(OrganisationCa.class);
        Path etc = etc();
        Path radsec = etc.resolve("radsec");
        Map<String, Long> timings = new LinkedHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        Supplier<String> state = () -> "\nstatistics: " + client.statistics(DESTINATION).map(TransportFeatureIT::describe)
                .orElse("(no destination " + DESTINATION + "; destinations " + client.destinations() + ")")
                + "\ncertificates: " + credentials.certificates() + "\ntrust stores: " + credentials.trustStores()
                + "\nkeys: server " + keyInfo(credentials, "server") + ", client " + keyInfo(credentials, "client")
                + "; JCA providers " + Arrays.stream(java.security.Security.getProviders())
                        .map(java.security.Provider::getName).collect(Collectors.toList())
                + "\nhandled: " + handled + "\nfiles in etc: " + list(etc) + "\nfiles in etc/radsec: " + list(radsec)
                + "\n" + logTail();
        long start = System.nanoTime();
        try {
            // 2. Organisation CA, a server and a client certificate.
            long t = System.nanoTime();
            assertFalse("a CA exists already in " + ca.certificateFile().getParent(), ca.exists());
            X509Certificate root = ca.create("CN=IT CA,O=Example", KeyAlgorithm.EC_P256, Duration.ofDays(365));
            IssuedCertificate server = ca.issue(CertificateProfile.builder("localhost").dnsName("localhost")
                            .ipAddress(InetAddress.getByName("127.0.0.1")).validity(Duration.ofDays(30)).build(),
                    radsec.resolve("server.pem"), radsec.resolve("server.key"));
            IssuedCertificate clientCert = ca.issue(CertificateProfile.builder("it-client")
                            .dnsName("it-client.example").usage(CertificateProfile.Usage.CLIENT)
                            .validity(Duration.ofDays(30)).build(),
                    radsec.resolve("client.pem"), radsec.resolve("client.key"));
            timings.put("CA created, 2 certificates issued", ms(t));

            // 3. The PKI cfg files; both certificates must load.
            t = System.nanoTime();
            writeAtomically(etc.resolve("dev.radsec.pki.trust-default.cfg"), "ca = radsec/ca/ca.pem\n");
            writeAtomically(etc.resolve("dev.radsec.pki.certificate-server.cfg"),
                    "name = server\ncertificate = radsec/server.pem\nprivate-key = radsec/server.key\n");
            writeAtomically(etc.resolve("dev.radsec.pki.certificate-client.cfg"),
                    "name = client\ncertificate = radsec/client.pem\nprivate-key = radsec/client.key\n");
            waitFor("step 3: certificates 'server' and 'client' available and trust store 'default' holds the CA",
                    FILE_TIMEOUT, () -> credentials.certificate("server").isAvailable()
                            && credentials.certificate("client").isAvailable()
                            && credentials.trustAnchors("default").contains(root), state);
            assertEquals("serial of 'server'", server.certificate().getSerialNumber(),
                    credentials.certificate("server").serial().orElse(null));
            assertEquals("serial of 'client'", clientCert.certificate().getSerialNumber(),
                    credentials.certificate("client").serial().orElse(null));
            // JSSE asks the key manager for an alias by key type ("EC" for an EC certificate); without one the
            // handshake fails with "No available authentication scheme". Checked here to name the cause at once.
            String serverKeyType = server.certificate().getPublicKey().getAlgorithm();
            assertEquals("key manager of 'server' offers no alias for JSSE server key type " + serverKeyType
                            + "; keys: server " + keyInfo(credentials, "server"), "server",
                    credentials.keyManager("server").chooseEngineServerAlias(serverKeyType, null, null));
            String clientKeyType = clientCert.certificate().getPublicKey().getAlgorithm();
            assertEquals("key manager of 'client' offers no alias for JSSE client key type " + clientKeyType
                            + "; keys: client " + keyInfo(credentials, "client"), "client",
                    credentials.keyManager("client").chooseEngineClientAlias(new String[] {clientKeyType}, null, null));
            timings.put("PKI cfgs dropped -> certificates available", ms(t));

            // 4. The request handler, as a whiteboard service for listener 'it' only.
            RadiusRequestHandler handler = (RequestContext context, RadiusPacket request) -> {
                String user = text(request, "User-Name");
                String password = text(request, "User-Password");
                handled.add(request.code() + " " + user + " on " + context.listener() + " from " + context.remote()
                        + " peer " + context.peerCertificates().map(c -> c[0].getSubjectX500Principal().getName())
                        .orElse("-"));
                boolean ok = request.code() == PacketCode.ACCESS_REQUEST && "alice".equals(user)
                        && "alice-pw".equals(password);
                RadiusPacket response = ok
                        ? RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary())
                                .add("Reply-Message", "hello from karaf").build()
                        : RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build();
                return CompletableFuture.completedFuture(response);
            };
            services.registerHandler(LISTENER, handler);

            // 5. Listener first (so the destination's first connection finds it), then the destination.
            t = System.nanoTime();
            int port = KarafTestSupport.freeTcpPort();
            long logOffset = logSize();
            writeAtomically(etc.resolve(LISTENER_PID + "-" + LISTENER + ".cfg"), "name = " + LISTENER
                    + "\nprotocol = radsec\naddress = 127.0.0.1\nport = " + port + "\ntls-certificate = server\n");
            String listening = "listener " + LISTENER + " (radsec 127.0.0.1:" + port + ") listening on";
            waitFor("step 5: karaf.log says '" + listening + "'", FILE_TIMEOUT,
                    () -> logSince(logOffset).contains(listening), state);
            timings.put("listener cfg dropped -> listening", ms(t));

            t = System.nanoTime();
            writeAtomically(etc.resolve(DESTINATION_PID + "-" + LISTENER + ".cfg"), "id = " + DESTINATION
                    + "\naddress = 127.0.0.1\nport = " + port + "\ntls-certificate = client\n");

            // 6. The destination comes up, answers come back through the handler.
            waitFor("step 6: destination " + DESTINATION + " UP", FILE_TIMEOUT,
                    () -> client.statistics(DESTINATION).map(s -> s.state() == DestinationStatistics.State.UP)
                            .orElse(false), state);
            timings.put("destination cfg dropped -> UP", ms(t));

            t = System.nanoTime();
            RadiusPacket accept = answer(client, request("alice", "alice-pw"), state);
            assertEquals("answer to alice/alice-pw" + state.get(), PacketCode.ACCESS_ACCEPT, accept.code());
            assertEquals("Reply-Message", "hello from karaf", text(accept, "Reply-Message"));
            RadiusPacket reject = answer(client, request("alice", "wrong-pw"), state);
            assertEquals("answer to alice/wrong-pw" + state.get(), PacketCode.ACCESS_REJECT, reject.code());
            timings.put("2 requests answered", ms(t));

            assertEquals("requests the handler saw: " + handled, 2, handled.size());
            for (String h : handled) {
                assertTrue("handled on listener '" + LISTENER + "' with the client certificate: " + h,
                        h.contains(" on " + LISTENER + " from /127.0.0.1:") && h.contains("CN=it-client"));
            }
            DestinationStatistics stats = client.statistics(DESTINATION).orElseThrow();
            String described = describe(stats);
            assertEquals("state: " + described, DestinationStatistics.State.UP, stats.state());
            assertEquals("requests: " + described, 2, stats.requests());
            assertEquals("accepts: " + described, 1, stats.accepts());
            assertEquals("rejects: " + described, 1, stats.rejects());
            assertEquals("pending: " + described, 0, stats.pending());
            assertEquals("timeouts: " + described, 0, stats.timeouts());
            assertEquals("bad replies: " + described, 0, stats.badReplies());
            assertTrue("TLS version: " + described,
                    stats.tlsVersion().map(v -> v.startsWith("TLSv1.")).orElse(false));
            assertTrue("peer subject is the server certificate's: " + described,
                    stats.peerSubject().map(s -> s.contains("CN=localhost")).orElse(false));
        } finally {
            timings.put("total", ms(start));
            System.out.println("TransportFeatureIT timings (ms): " + timings + "; statistics: "
                    + client.statistics(DESTINATION).map(TransportFeatureIT::describe).orElse("-"));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static RadiusPacket request(String user, String password) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", user).add("User-Password", password).build();
    }

    /** Sends to destination {@value #DESTINATION} and waits a bounded time for the answer. */
    private static RadiusPacket answer(RadiusClient client, RadiusPacket request, Supplier<String> state)
            throws InterruptedException {
        String what = request.code() + " for " + text(request, "User-Name");
        try {
            return client.send(DESTINATION, request).toCompletableFuture()
                    .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause() + state.get(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": no outcome within " + ANSWER_TIMEOUT.toSeconds()
                    + " s although the client promises one" + state.get(), e);
        }
    }

    private static String text(RadiusPacket packet, String attribute) {
        return packet.first(attribute).map(a -> a.asString()).orElse(null);
    }

    /** Algorithm and provider of a named certificate's private key as the PKI hands it to JSSE. */
    private static String keyInfo(CredentialService credentials, String name) {
        try {
            java.security.PrivateKey key = credentials.keyManager(name).getPrivateKey(name);
            return key == null ? "(none)" : key.getAlgorithm() + " (" + key.getClass().getName() + ")";
        } catch (RuntimeException e) {
            return "(" + e + ")";
        }
    }

    private static String describe(DestinationStatistics s) {
        return s + ", connections " + s.connections() + ", tls " + s.tlsVersion().orElse("-") + " "
                + s.cipherSuite().orElse("-") + ", peer " + s.peerSubject().orElse("-");
    }
}
