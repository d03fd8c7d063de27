package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.PeerNames;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9525 style matching of tls-peer-name against subjectAltNames. */
class PeerNameMatcherTest {
    private static final Instant NOW = Instant.now();
    private static KeyPair caKey;
    private static X509Certificate ca;

    @BeforeAll
    static void ca() throws Exception {
        caKey = TestCertificates.ecKey();
        ca = TestCertificates.ca(caKey, "CN=Names CA", NOW.minusSeconds(60), NOW.plusSeconds(86400));
    }

    private static X509Certificate cert(String cn, GeneralName... sans) throws Exception {
        return TestCertificates.leaf(caKey, ca, TestCertificates.ecKey().getPublic(), cn, NOW.minusSeconds(60),
                NOW.plusSeconds(86400), sans);
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ip(String address) throws Exception {
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(address).getAddress()));
    }

    private static GeneralName naiRealm(String realm) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(PeerNameMatcher.NAI_REALM);
        v.add(new DERTaggedObject(true, 0, new DERUTF8String(realm)));
        return new GeneralName(GeneralName.otherName, new DERSequence(v));
    }

    @Test
    void dnsNamesMatchExactlyAndCaseInsensitively() throws Exception {
        X509Certificate c = cert("ignored", dns("RadSec.Example.org"));
        assertTrue(PeerNames.matches(c, "radsec.example.org"));
        assertTrue(PeerNames.matches(c, "radsec.example.org."));
        assertFalse(PeerNames.matches(c, "other.example.org"));
        assertFalse(PeerNames.matches(c, "example.org"));
    }

    @Test
    void theCommonNameIsNeverUsed() throws Exception {
        X509Certificate cnOnly = cert("radsec.example.org");
        assertFalse(PeerNames.matches(cnOnly, "radsec.example.org"));
        X509Certificate withSan = cert("radsec.example.org", dns("other.example.org"));
        assertFalse(PeerNames.matches(withSan, "radsec.example.org"));
    }

    @Test
    void wildcardsOnlyAsTheWholeLeftMostLabelMatchingOneLabel() throws Exception {
        X509Certificate c = cert("w", dns("*.example.org"));
        assertTrue(PeerNames.matches(c, "a.example.org"));
        assertFalse(PeerNames.matches(c, "a.b.example.org"), "one label only");
        assertFalse(PeerNames.matches(c, "example.org"));
        assertFalse(PeerNames.matches(cert("p", dns("f*.example.org")), "foo.example.org"), "partial label");
        assertFalse(PeerNames.matches(cert("m", dns("a.*.example.org")), "a.b.example.org"), "not left-most");
        assertFalse(PeerNames.matches(cert("t", dns("*.org")), "example.org"), "not over a single label");
        assertFalse(PeerNames.matches(cert("s", dns("*")), "example"));
    }

    @Test
    void addressesMatchOnlyIpAddressEntries() throws Exception {
        X509Certificate c = cert("ip", ip("192.0.2.7"), ip("2001:db8::7"), dns("192.0.2.8"));
        assertTrue(PeerNames.matches(c, "192.0.2.7"));
        assertTrue(PeerNames.matches(c, "2001:db8:0::7"));
        assertTrue(PeerNames.matches(c, "[2001:db8::7]"));
        assertFalse(PeerNames.matches(c, "192.0.2.8"), "a dNSName that looks like an address does not count");
        assertFalse(PeerNames.matches(c, "192.0.2.9"));
    }

    @Test
    void naiRealmsMatchRealmsWithTheSameWildcardRule() throws Exception {
        X509Certificate c = cert("realm", naiRealm("example.org"), naiRealm("*.example.net"));
        assertTrue(PeerNames.matches(c, "example.org"));
        assertTrue(PeerNames.matches(c, "EXAMPLE.ORG"));
        assertTrue(PeerNames.matches(c, "roaming.example.net"));
        assertFalse(PeerNames.matches(c, "example.com"));
        assertEquals(List.of("NAIRealm:example.org", "NAIRealm:*.example.net"), PeerNames.names(c));
    }

    @Test
    void namesListsEverySan() throws Exception {
        X509Certificate c = cert("n", dns("a.example.org"), ip("192.0.2.1"));
        assertEquals(List.of("DNS:a.example.org", "IP:192.0.2.1"), PeerNames.names(c));
        assertFalse(PeerNames.matches(c, ""));
        assertFalse(PeerNames.matches(c, null));
    }
}
