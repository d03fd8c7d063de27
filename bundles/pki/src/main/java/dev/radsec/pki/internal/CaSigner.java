package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs the organisation CA's root certificate, the certificates it issues and its CRLs, with Bouncy
 * Castle's builders. Every signature is verified before the result is returned, so a broken key or provider never
 * puts a bad certificate on disk. The validity, serial and times are the caller's: this class only encodes.
 */
final class CaSigner {

    private CaSigner() {
    }

    /** A self-signed root: cA=true, keyCertSign and cRLSign, its own key identifier as authority key identifier. */
    static X509Certificate root(X500Name name, KeyPair keyPair, BigInteger serial, Instant notBefore, Instant notAfter)
            throws CaException {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(keyPair.getPublic());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(notBefore), Date.from(notAfter), name, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(keyPair.getPrivate())));
            certificate.verify(keyPair.getPublic());
            return certificate;
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot create the CA certificate: " + describe(e), e);
        }
    }

    /**
     * An end-entity certificate for {@code publicKey}: subject O (the CA's organisation) and CN from the profile, the
     * profile's usage and subjectAltNames; keyEncipherment only for RSA keys.
     */
    static X509Certificate leaf(KeyedChain ca, PublicKey publicKey, CertificateProfile profile, BigInteger serial,
                                Instant notBefore, Instant notAfter) throws CaException {
        X509Certificate caCertificate = ca.leaf();
        boolean rsa = "RSA".equalsIgnoreCase(publicKey.getAlgorithm());
        try {
            X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
            RDN[] organisation = issuer.getRDNs(BCStyle.O);
            if (organisation.length > 0) {
                subject.addRDN(BCStyle.O, organisation[0].getFirst().getValue());
            }
            subject.addRDN(BCStyle.CN, profile.commonName());

            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject.build(), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0)))
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(profile.usage()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(caCertificate));
            GeneralNames names = subjectAltNames(profile);
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(ca.privateKey())));
            certificate.verify(caCertificate.getPublicKey());
            return certificate;
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot issue the certificate for " + profile.commonName() + ": " + describe(e), e);
        }
    }

    /** A CRL listing {@code revoked}, with a cRLNumber and the CA's key identifier. */
    static X509CRL crl(KeyedChain ca, List<CaDatabase.Revocation> revoked, BigInteger number, Instant thisUpdate,
                       Instant nextUpdate) throws CaException {
        X509Certificate caCertificate = ca.leaf();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(caCertificate, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (CaDatabase.Revocation r : revoked) {
                if (r.reason() == RevocationReason.UNSPECIFIED) {
                    // RFC 5280 5.3.1: the reasonCode extension should be absent rather than "unspecified".
                    builder.addCRLEntry(r.serial(), Date.from(r.time()), (Extensions) null);
                } else {
                    builder.addCRLEntry(r.serial(), Date.from(r.time()), r.reason().code());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(caCertificate));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(signer(ca.privateKey())));
            crl.verify(caCertificate.getPublicKey());
            return crl;
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot sign the CRL: " + describe(e), e);
        }
    }

    private static ExtendedKeyUsage extendedKeyUsage(CertificateProfile.Usage usage) {
        switch (usage) {
            case SERVER:
                return new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth);
            case CLIENT:
                return new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth);
            default:
                return new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
        }
    }

    /** dNSName, iPAddress and NAIRealm otherName (a UTF8String, RFC 7585) entries; {@code null} when none. */
    private static GeneralNames subjectAltNames(CertificateProfile profile) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : profile.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress address : profile.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
        }
        for (String realm : profile.naiRealms()) {
            names.add(new GeneralName(GeneralName.otherName,
                    new OtherName(PeerNameMatcher.NAI_REALM, new DERUTF8String(realm))));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** The CA's own subjectKeyIdentifier as keyIdentifier (computed from its key if it has none). */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate ca) throws GeneralSecurityException {
        byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        }
        return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublicKey());
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException, CaException {
        String algorithm = KeyMatch.signatureAlgorithm(key);
        if (algorithm == null || algorithm.equals("SHA256withDSA")) {
            throw new CaException("unsupported CA key type " + key.getAlgorithm());
        }
        return new JcaContentSignerBuilder(algorithm).build(key);
    }
}
