package dev.radsec.transport.internal;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.pki.internal.OrganisationCaImpl;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made in-process by the PKI bundle's organisation CA (no openssl) and served by name from its
 * CredentialRegistry: {@code server} names 127.0.0.1 and localhost, {@code client} names nas.example.org, and the
 * trust store {@code default} holds the CA.
 */
final class InProcessPki implements AutoCloseable {
    final CredentialRegistry credentials;
    private final ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "test-pki");
    private final NioFileWatcher watcher;

    InProcessPki(Path dir) throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        ca.create("CN=Link Test CA,O=radsec tests", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        IssuedCertificate server = ca.issue(CertificateProfile.builder("server").ipAddress(InetAddress.getLoopbackAddress())
                .dnsName("localhost").build(), dir.resolve("server.pem"), dir.resolve("server.key"));
        IssuedCertificate client = ca.issue(CertificateProfile.builder("client").dnsName("nas.example.org").build(),
                dir.resolve("client.pem"), dir.resolve("client.key"));
        watcher = new NioFileWatcher("test-pki-watch");
        credentials = new CredentialRegistry(scheduler, watcher, dir);
        configure("server", server);
        configure("client", client);
        credentials.trustConfigured("t-default", Map.of("ca", ca.certificateFile().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!credentials.certificate("server").isAvailable() || !credentials.certificate("client").isAvailable()
                || credentials.trustAnchors("default").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PKI not ready: " + credentials.certificates());
            }
            Thread.sleep(10);
        }
    }

    private void configure(String name, IssuedCertificate issued) throws Exception {
        credentials.certificateConfigured("c-" + name, Map.of("name", name,
                "certificate", issued.certificateFile().toString(), "private-key", issued.keyFile().toString()));
    }

    @Override
    public void close() {
        watcher.close();
        scheduler.close();
    }
}
