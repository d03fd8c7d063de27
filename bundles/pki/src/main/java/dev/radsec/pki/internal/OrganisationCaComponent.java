package dev.radsec.pki.internal;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.RevocationReason;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The organisation CA as an OSGi service, keeping its material in {@code ${karaf.etc}/radsec/ca}. */
@Component(service = OrganisationCa.class)
public final class OrganisationCaComponent implements OrganisationCa {
    private static final Logger LOG = LoggerFactory.getLogger(OrganisationCaComponent.class);
    /** CRLs are valid 7 days; republishing daily leaves six days for a stopped container to come back. */
    static final Duration CRL_REPUBLISH = Duration.ofDays(1);

    private OrganisationCa ca;
    private ExecutorScheduler scheduler;

    @Activate
    void activate(BundleContext context) {
        Path directory = KarafPaths.etc(context).resolve("radsec").resolve("ca");
        ca = new OrganisationCaImpl(directory, Clock.systemUTC());
        scheduler = new ExecutorScheduler(Clock.systemUTC(), "radsec-pki-ca");
        scheduler.execute(this::republishCrl);
    }

    @Deactivate
    void deactivate() {
        scheduler.close();
    }

    private void republishCrl() {
        if (ca.exists()) {
            try {
                ca.publishCrl();
            } catch (CaException e) {
                LOG.error("Cannot republish the organisation CA's CRL: {}", e.getMessage());
            }
        }
        scheduler.schedule(CRL_REPUBLISH, this::republishCrl);
    }

    @Override
    public X509CRL publishCrl() throws CaException {
        return ca.publishCrl();
    }

    @Override
    public boolean exists() {
        return ca.exists();
    }

    @Override
    public X509Certificate create(String subject, KeyAlgorithm algorithm, Duration validity) throws CaException {
        return ca.create(subject, algorithm, validity);
    }

    @Override
    public X509Certificate certificate() throws CaException {
        return ca.certificate();
    }

    @Override
    public IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile) throws CaException {
        return ca.issue(profile, certificateFile, keyFile);
    }

    @Override
    public IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile, Path pkcs12File,
                                   char[] password) throws CaException {
        return ca.issue(profile, certificateFile, keyFile, pkcs12File, password);
    }

    @Override
    public int issuedCount() throws CaException {
        return ca.issuedCount();
    }

    @Override
    public int revokedCount() throws CaException {
        return ca.revokedCount();
    }

    @Override
    public X509Certificate signCsr(String csrPem, CertificateProfile profile) throws CaException {
        return ca.signCsr(csrPem, profile);
    }

    @Override
    public X509CRL revoke(BigInteger serial, RevocationReason reason) throws CaException {
        return ca.revoke(serial, reason);
    }

    @Override
    public X509CRL crl() throws CaException {
        return ca.crl();
    }

    @Override
    public Path crlFile() {
        return ca.crlFile();
    }

    @Override
    public Path certificateFile() {
        return ca.certificateFile();
    }
}
