package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev.radsec.pki.bootstrap} is refused, with the key, where the development PKI could make nothing of it. */
class DevelopmentPkiConfigurationValidatorTest {
    @TempDir
    Path etc;

    private DevelopmentPkiConfigurationValidator validator() {
        return new DevelopmentPkiConfigurationValidator(etc);
    }

    @Test
    void theShippedConfigurationAndItsDefaultsAreAccepted() throws Exception {
        validator().validate(Map.of("directory", "radsec/certs"));
        validator().validate(Map.of());
        validator().validate(Map.of("ca-subject", "CN=Example Org RadSec CA,O=Example Org", "server-name",
                "radsec.example.org", "client-name", "ap-17 (lab)", "directory", etc.resolve("certs").toString()));
    }

    @Test
    void whatCannotMakeACaOrACertificateIsRefusedWithItsKey() throws Exception {
        assertEquals("ca-subject", refused(Map.of("ca-subject", "not a name")).key());
        assertEquals("server-name", refused(Map.of("server-name", "two words")).key());
        assertEquals("server-name", refused(Map.of("server-name", "-leading.example")).key());
        assertEquals("server-name", refused(Map.of("server-name", "a..b")).key());
        assertEquals("client-name", refused(Map.of("client-name", "x".repeat(65))).key());
        assertEquals("client-name", refused(Map.of("client-name", "tab\there")).key());
        Files.writeString(etc.resolve("certs"), "not a directory");
        InvalidConfigurationException file = refused(Map.of("directory", "certs"));
        assertEquals("directory: 'certs' is a file, not a directory", file.getMessage());
    }

    private InvalidConfigurationException refused(Map<String, ?> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> validator().validate(properties));
    }
}
