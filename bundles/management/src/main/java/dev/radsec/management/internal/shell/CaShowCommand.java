package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.CertificateText;
import dev.radsec.pki.TrustStoreAnchor;
import java.nio.file.Files;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code radsec:ca-show [--pem]}: the organisation CA's certificate, to install on a RADIUS server or device; with
 * {@code --pem} the certificate itself. Never its key.
 */
@Command(scope = "radsec", name = "ca-show", description = "Shows the organisation CA's certificate (--pem: in PEM)")
@Service
public class CaShowCommand extends CaCommand {
    @Option(name = "--pem", description = "print the certificate in PEM, to copy onto a server or device")
    boolean pem;

    @Override
    public Object execute() throws Exception {
        if (!ca.exists()) {
            System.err.println("No organisation CA exists in " + ca.certificateFile().getParent()
                    + "; radsec:ca-create creates one");
            return null;
        }
        X509Certificate c = ca.certificate();
        if (pem) {
            System.out.print(CertificateText.pem(c));
            return null;
        }
        line("Subject", c.getSubjectX500Principal().getName());
        line("Serial", c.getSerialNumber().toString(16));
        line("Not before", c.getNotBefore().toInstant());
        line("Not after", c.getNotAfter().toInstant());
        line("SHA-256", TrustStoreAnchor.fingerprint(c));
        line("Key", CertificateText.keyAlgorithm(c.getPublicKey()));
        line("Certificate", ca.certificateFile());
        line("CRL", ca.crlFile());
        if (Files.exists(ca.crlFile())) {
            X509CRL crl = ca.crl();
            line("CRL next update", crl.getNextUpdate() == null ? "-" : crl.getNextUpdate().toInstant());
        }
        line("Issued", ca.issuedCount());
        line("Revoked", ca.revokedCount());
        return null;
    }

    private static void line(String label, Object value) {
        System.out.printf("%-16s %s%n", label + ":", value);
    }
}
