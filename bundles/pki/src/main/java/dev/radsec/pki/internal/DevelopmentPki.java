package dev.radsec.pki.internal;

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
 * material is never overwritten; a certificate whose key is missing (or the other way round) is left alone and
 * reported.
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
        Files.createDirectories(certificates);
        CertificateProfile server = CertificateProfile.builder(serverName).dnsName(serverName)
                .ipAddress(InetAddress.getByName("127.0.0.1")).ipAddress(InetAddress.getByName("::1"))
                .usage(CertificateProfile.Usage.SERVER).validity(VALIDITY).build();
        issueIfMissing(server, "server", created);
        CertificateProfile client = CertificateProfile.builder(clientName).usage(CertificateProfile.Usage.CLIENT)
                .validity(VALIDITY).build();
        issueIfMissing(client, "client", created);
        return created;
    }

    private void issueIfMissing(CertificateProfile profile, String name, List<Path> created) throws CaException {
        Path certificate = certificates.resolve(name + ".crt");
        Path key = certificates.resolve(name + ".key");
        boolean hasCertificate = Files.exists(certificate);
        boolean hasKey = Files.exists(key);
        if (hasCertificate && hasKey) {
            return;
        }
        if (hasCertificate || hasKey) {
            LOG.warn("Development PKI: {} exists without {}; left as it is", hasCertificate ? certificate : key,
                    hasCertificate ? key : certificate);
            return;
        }
        ca.issue(profile, certificate, key);
        created.add(certificate);
    }
}
