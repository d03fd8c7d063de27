package dev.radsec.management.internal.shell;

import dev.radsec.pki.KeyAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:ca-create}: creates the organisation CA (never over an existing one). */
@Command(scope = "radsec", name = "ca-create", description = "Creates the organisation root CA in etc/radsec/ca")
@Service
public class CaCreateCommand extends CaCommand {
    @Option(name = "--subject", description = "distinguished name (default CN=RadSec Organisation CA)")
    String subject = "CN=RadSec Organisation CA";

    @Option(name = "--algorithm", description = "ec-p256 (default), rsa-2048 or rsa-3072")
    String algorithm = "ec-p256";

    @Option(name = "--days", description = "validity in days (default 3650)")
    int days = 3650;

    @Override
    public Object execute() throws Exception {
        KeyAlgorithm a = EnumOption.parse("--algorithm", algorithm, KeyAlgorithm.class).orElse(null);
        if (a == null) {
            return null;
        }
        X509Certificate root = ca.create(subject, a, Duration.ofDays(days));
        System.out.println("Created " + root.getSubjectX500Principal().getName() + ", serial "
                + root.getSerialNumber().toString(16) + ", valid until " + root.getNotAfter().toInstant());
        System.out.println("Certificate: " + ca.certificateFile());
        System.out.println("CRL:         " + ca.crlFile());
        return null;
    }
}
