package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ManualScheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKI's validators refuse what its components refuse, with the key, before ConfigAdmin stores anything. */
class PkiConfigurationValidatorTest {
    @TempDir
    Path etc;

    private <V extends PkiConfigurationValidator> V validator(V v) {
        v.registry = new CredentialRegistry(new ManualScheduler(Instant.EPOCH), new ManualFileWatcher(), etc);
        return v;
    }

    @Test
    void trustStoresAreCheckedAsTheirComponentReadsThem() throws Exception {
        TrustConfigurationValidator v = validator(new TrustConfigurationValidator());
        v.validate(Map.of("ca", "radsec/ca.pem", "check-revocation", "none"));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> v.validate(Map.of("ca", "radsec/ca.pem", "check-revocation", "ocsp")));
        assertEquals("check-revocation", e.key());
        assertEquals("ca", assertThrows(InvalidConfigurationException.class, () -> v.validate(Map.of())).key());
    }

    @Test
    void certificatesTakeTheirNameFromTheFileNameTheWriterPassesAlong() throws Exception {
        CertificateConfigurationValidator v = validator(new CertificateConfigurationValidator());
        assertEquals("name", assertThrows(InvalidConfigurationException.class,
                () -> v.validate(Map.of("certificate", "c.pem"))).key());
        v.validate(Map.of("certificate", "c.pem", ConfigurationValidator.NAME, "server"));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> v.validate(Map.of("certificate", "c.pem", ConfigurationValidator.NAME, "server", "expiry-warning", "-3")));
        assertEquals("expiry-warning", e.key());
        assertTrue(e.getMessage().contains("0-3650"), e.getMessage());
    }

    @Test
    void preSharedKeysAreCheckedWithoutQuotingTheKey() {
        PskConfigurationValidator v = validator(new PskConfigurationValidator());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> v.validate(Map.of("name", "ap", "identity", "ap", "key", "abcdabcdabcd")));
        assertEquals("key", e.key());
        assertTrue(!e.getMessage().contains("abcdabcdabcd"), e.getMessage());
    }
}
