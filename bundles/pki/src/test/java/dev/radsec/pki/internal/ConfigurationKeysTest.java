package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.testing.MetatypeKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keys the web console offers (generated metatype) are the keys the PKI reads, and nothing else. */
class ConfigurationKeysTest {
    private static final Path ETC = Path.of("/opt/karaf/etc");

    @Test
    void certificateKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("name", "n", "certificate", "c.pem"));
        CertificateSettings.parse(p, ETC);
        assertEquals(MetatypeKeys.ids("dev.radsec.pki.certificate"), p.asked());
    }

    @Test
    void trustKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("ca", "ca.pem"));
        TrustSettings.parse(p, ETC);
        assertEquals(MetatypeKeys.ids("dev.radsec.pki.trust"), p.asked());
    }

    @Test
    void theDevelopmentPkiReadsItsConfigurationThroughTheAnnotationOfItsMetatype() throws Exception {
        // DS maps DevelopmentPkiConfig's methods to keys by the same rule bnd writes the metatype with.
        assertEquals(Set.of("ca-subject", "server-name", "client-name", "directory"),
                MetatypeKeys.ids("dev.radsec.pki.bootstrap"));
    }

    @Test
    void certificatesAndTrustStoresAreNamedByTheirFileUnlessTheyHaveAName() throws Exception {
        assertEquals("server", CertificateSettings.parse(Map.of("certificate", "c.pem",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.pki.certificate-server.cfg"), ETC).name);
        assertEquals("partners", TrustSettings.parse(Map.of("ca", "ca.pem",
                "service.pid", "dev.radsec.pki.trust~partners"), ETC).name);
        assertEquals("other", TrustSettings.parse(Map.of("ca", "ca.pem", "name", "other",
                "service.pid", "dev.radsec.pki.trust~partners"), ETC).name);
        assertEquals("default", TrustSettings.parse(Map.of("ca", "ca.pem"), ETC).name);
        assertEquals(List.of("privat-key"), CertificateSettings.parse(Map.of("name", "n", "certificate", "c.pem",
                "privat-key", "k.pem", "service.pid", "x"), ETC).unknownKeys);
    }
}
