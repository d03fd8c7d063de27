package dev.radsec.pki;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes trust stores from uploaded material, the way Meraki lets an administrator upload a RADIUS server's
 * root CA.
 */
@ProviderType
public interface TrustStoreAdmin {

    /**
     * Adds the CA certificates in {@code pem} to the named trust store: they are written to
     * {@code etc/radsec/trust/<trustName>/}, and the store's configuration is created, or extended to include that
     * directory, through ConfigAdmin (so it persists in {@code etc/}).
     *
     * @return the file written
     * @throws CaException when the PEM holds no certificate, a corrupt one, or one without basicConstraints cA=true
     */
    Path importCa(String trustName, String pem) throws CaException;
}
