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
    void pskKeysAreTheMetatypeIds() throws Exception {
        MetatypeKeys.Recording p = new MetatypeKeys.Recording(Map.of("name", "n", "identity", "i",
                "key", "000102030405060708090a0b0c0d0e0f"));
        PskSettings.parse(p, ETC);
        assertEquals(MetatypeKeys.ids("dev.radsec.pki.psk"), p.asked());
    }

    @Test
    void theDevelopmentPkiReadsItsConfigurationThroughTheAnnotationOfItsMetatype() throws Exception {
        // DS maps DevelopmentPkiConfig's methods to keys by the same rule bnd writes the metatype with.
        assertEquals(Set.of("ca-subject", "server-name", "client-name", "directory"),
                MetatypeKeys.ids("dev.radsec.pki.bootstrap"));
    }

    @Test
    void certificatesTrustStoresAndPreSharedKeysAreNamedByTheirFileUnlessTheyHaveAName() throws Exception {
        assertEquals("server", CertificateSettings.parse(Map.of("certificate", "c.pem",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.pki.certificate-server.cfg"), ETC).name);
        assertEquals("partners", TrustSettings.parse(Map.of("ca", "ca.pem",
                "service.pid", "dev.radsec.pki.trust~partners"), ETC).name);
        assertEquals("other", TrustSettings.parse(Map.of("ca", "ca.pem", "name", "other",
                "service.pid", "dev.radsec.pki.trust~partners"), ETC).name);
        assertEquals("default", TrustSettings.parse(Map.of("ca", "ca.pem"), ETC).name);
        assertEquals("branch", PskSettings.parse(Map.of("identity", "i", "key-file", "k.hex",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.pki.psk-branch.cfg"), ETC).name);
        assertEquals("ap", PskSettings.parse(Map.of("identity", "i", "key-file", "k.hex",
                "service.pid", "dev.radsec.pki.psk~ap"), ETC).name);
        assertEquals(List.of("privat-key"), CertificateSettings.parse(Map.of("name", "n", "certificate", "c.pem",
                "privat-key", "k.pem", "service.pid", "x"), ETC).unknownKeys);
    }
}
