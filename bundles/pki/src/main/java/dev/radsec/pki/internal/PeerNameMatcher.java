package dev.radsec.pki.internal;

import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509CertificateHolder;

/** The matching behind {@link dev.radsec.pki.PeerNames}. */
public final class PeerNameMatcher {
    /** id-on-naiRealm, RFC 7585 section 2.2. */
    public static final ASN1ObjectIdentifier NAI_REALM = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.8");

    private PeerNameMatcher() {
    }

    public static boolean matches(X509Certificate certificate, String peerName) {
        if (peerName == null || peerName.isBlank()) {
            return false;
        }
        String wanted = peerName.trim();
        byte[] address = addressLiteral(wanted);
        for (GeneralName name : subjectAltNames(certificate)) {
            switch (name.getTagNo()) {
                case GeneralName.iPAddress:
                    if (address != null && Arrays.equals(address, ASN1OctetString.getInstance(name.getName()).getOctets())) {
                        return true;
                    }
                    break;
                case GeneralName.dNSName:
                    if (address == null && dnsMatches(((ASN1String) name.getName()).getString(), wanted)) {
                        return true;
                    }
                    break;
                case GeneralName.otherName: {
                    String realm = naiRealm(name);
                    if (address == null && realm != null && dnsMatches(realm, wanted)) {
                        return true;
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return false;
    }

    public static List<String> names(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : subjectAltNames(certificate)) {
            switch (name.getTagNo()) {
                case GeneralName.iPAddress:
                    try {
                        out.add("IP:" + InetAddress.getByAddress(
                                ASN1OctetString.getInstance(name.getName()).getOctets()).getHostAddress());
                    } catch (UnknownHostException e) {
                        out.add("IP:?");
                    }
                    break;
                case GeneralName.dNSName:
                    out.add("DNS:" + ((ASN1String) name.getName()).getString());
                    break;
                case GeneralName.otherName: {
                    String realm = naiRealm(name);
                    if (realm != null) {
                        out.add("NAIRealm:" + realm);
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return out;
    }

    private static List<GeneralName> subjectAltNames(X509Certificate certificate) {
        try {
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
            return names == null ? List.of() : Arrays.asList(names.getNames());
        } catch (IOException | CertificateEncodingException | RuntimeException e) {
            // A certificate whose SAN extension does not parse identifies nobody.
            return List.of();
        }
    }

    private static String naiRealm(GeneralName name) {
        OtherName other = OtherName.getInstance(name.getName());
        if (!NAI_REALM.equals(other.getTypeID())) {
            return null;
        }
        Object value = other.getValue();
        if (value instanceof ASN1TaggedObject) {
            value = ((ASN1TaggedObject) value).getBaseObject();
        }
        return value instanceof ASN1String ? ((ASN1String) value).getString() : null;
    }

    /**
     * RFC 9525 section 6.3: case-insensitive comparison of A-labels; a wildcard only as the complete left-most
     * label, matching exactly one label, and never as the only label before a single remaining one.
     */
    static boolean dnsMatches(String presented, String reference) {
        String p = normalise(presented);
        String r = normalise(reference);
        if (p == null || r == null) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.indexOf('*') < 0 && p.equals(r);
        }
        String suffix = p.substring(1); // ".example.org"
        if (suffix.indexOf('*') >= 0 || suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int firstDot = r.indexOf('.');
        return firstDot > 0 && r.substring(firstDot).equals(suffix);
    }

    private static String normalise(String name) {
        String n = name.trim();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty()) {
            return null;
        }
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The octets of an IPv4 or IPv6 literal, or {@code null} when {@code s} is a name; never resolves. */
    static byte[] addressLiteral(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) && t.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
