package dev.radsec.pki.internal;

import dev.radsec.common.AtomicFiles;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-boot material for a development install: an organisation CA, a server certificate for
 * {@code localhost}/127.0.0.1/::1 and a client certificate, each created only when it is missing. Existing
 * material is never overwritten; a certificate whose key is missing is left alone and reported. A key without its
 * certificate is what a crash in the middle of issuing leaves (the key is written first): it is set aside as
 * {@code <name>.key.interrupted} and the pair issued again, as a CA key without its certificate is by
 * {@link OrganisationCaImpl#create}.
 */
final class DevelopmentPki {
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentPki.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final OrganisationCa ca;
    private final Path certificates;

    DevelopmentPki(OrganisationCa ca, Path certificates) {
        this.ca = ca;
        this.certificates = certificates;
    }

    /** Creates what is missing; returns what it created, for the one log line. */
    List<Path> ensure(String caSubject, String serverName, String clientName) throws CaException, IOException {
        List<Path> created = new ArrayList<>();
        if (!ca.exists()) {
            ca.create(caSubject, KeyAlgorithm.EC_P256, CA_VALIDITY);
            created.add(ca.certificateFile());
        }
        AtomicFiles.createDirectories(certificates, null);
        CertificateProfile server = CertificateProfile.builder(serverName).dnsName(serverName)
                .ipAddress(InetAddress.getByName("127.0.0.1")).ipAddress(InetAddress.getByName("::1"))
                .usage(CertificateProfile.Usage.SERVER).validity(VALIDITY).build();
        issueIfMissing(server, "server", created);
        CertificateProfile client = CertificateProfile.builder(clientName).usage(CertificateProfile.Usage.CLIENT)
                .validity(VALIDITY).build();
        issueIfMissing(client, "client", created);
        return created;
    }

    private void issueIfMissing(CertificateProfile profile, String name, List<Path> created)
            throws CaException, IOException {
        Path certificate = certificates.resolve(name + ".crt");
        Path key = certificates.resolve(name + ".key");
        boolean hasCertificate = Files.exists(certificate);
        boolean hasKey = Files.exists(key);
        if (hasCertificate && hasKey) {
            return;
        }
        if (hasCertificate) {
            LOG.warn("Development PKI: {} exists without {}; left as it is", certificate, key);
            return;
        }
        if (hasKey) {
            // The CA writes the key, then the certificate: a key alone is an issue interrupted by a crash.
            Path aside = OrganisationCaImpl.setAside(key);
            LOG.warn("Development PKI: {} had no certificate, what an issue interrupted by a crash leaves; kept as {}, "
                    + "and {} is issued again", key, aside, name);
        }
        ca.issue(profile, certificate, key);
        created.add(certificate);
    }
}
