package dev.radsec.management.internal.shell;

import dev.radsec.pki.RevocationReason;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:ca-revoke <serial>}: revokes a certificate the organisation CA issued and publishes the CRL. */
@Command(scope = "radsec", name = "ca-revoke", description = "Revokes a certificate issued by the organisation CA")
@Service
public class CaRevokeCommand extends CaCommand {
    @Argument(index = 0, name = "serial", description = "serial number, hexadecimal as radsec:certificates shows it", required = true)
    String serial;

    @Option(name = "--reason", description = "unspecified (default), key-compromise, affiliation-changed, superseded, cessation-of-operation")
    String reason = "unspecified";

    @Override
    public Object execute() throws Exception {
        BigInteger number;
        try {
            number = new BigInteger(serial.startsWith("0x") ? serial.substring(2) : serial, 16);
        } catch (NumberFormatException e) {
            System.err.println("serial: '" + serial + "' is not a hexadecimal number");
            return null;
        }
        RevocationReason why = EnumOption.parse("--reason", reason, RevocationReason.class).orElse(null);
        if (why == null) {
            return null;
        }
        X509CRL crl = ca.revoke(number, why);
        System.out.println("Revoked serial " + number.toString(16) + "; the CRL now lists " + crl.getRevokedCertificates().size()
                + " certificate(s): " + ca.crlFile());
        return null;
    }
}
