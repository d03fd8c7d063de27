package dev.radsec.pki.internal;

import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.RevocationReason;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organisation root CA kept in one directory:
 * <ul>
 * <li>{@code ca.pem}: the self-signed root certificate;</li>
 * <li>{@code ca.key}: its private key, unencrypted PKCS#8 PEM, mode 0600 (the directory is created 0700);</li>
 * <li>{@code crl.pem}: the current CRL, replaced atomically;</li>
 * <li>{@code issued.txt}: one line per certificate issued ({@code <serial hex> <notAfter> <subject>}), so that only
 * those can be revoked;</li>
 * <li>{@code revoked.txt}: one line per revocation ({@code <serial hex> <revocation time> <reason>});</li>
 * <li>{@code crlnumber}: the last cRLNumber used, so every CRL published has a larger one.</li>
 * </ul>
 *
 * <p>Issued certificates are backdated by {@link #BACKDATE} for clock skew, and their notAfter is clamped to the
 * CA's notAfter (a certificate never outlives its CA). Times come from the injected clock, at second precision.
 * All operations are {@code synchronized}; two instances on the same directory (two processes) are not
 * coordinated beyond the CA files being created exclusively.
 */
public final class OrganisationCaImpl implements OrganisationCa {

    private static final Logger LOG = LoggerFactory.getLogger(OrganisationCaImpl.class);

    /** How far notBefore is put before "now", for peers whose clocks are a little behind. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    /** How long a published CRL is valid (its nextUpdate). */
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

    /** id-on-naiRealm (RFC 7585 section 2.2). */
    public static final ASN1ObjectIdentifier NAI_REALM = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.8");

    static final String CA_CERTIFICATE = "ca.pem";
    static final String CA_KEY = "ca.key";
    static final String CRL = "crl.pem";
    static final String ISSUED = "issued.txt";
    static final String REVOKED = "revoked.txt";
    static final String CRL_NUMBER = "crlnumber";

    private final Path directory;
    private final Clock clock;
    private final Duration crlValidity;
    private final SecureRandom random = new SecureRandom();

    public OrganisationCaImpl(Path caDirectory, Clock clock) {
        this(caDirectory, clock, DEFAULT_CRL_VALIDITY);
    }

    public OrganisationCaImpl(Path caDirectory, Clock clock, Duration crlValidity) {
        this.directory = Objects.requireNonNull(caDirectory, "caDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (crlValidity.isNegative() || crlValidity.isZero()) {
            throw new IllegalArgumentException("CRL validity must be positive, not " + crlValidity);
        }
        this.crlValidity = crlValidity;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized boolean exists() {
        return Files.isRegularFile(file(CA_CERTIFICATE)) && Files.isRegularFile(file(CA_KEY));
    }

    @Override
    public Path crlFile() {
        return file(CRL);
    }

    @Override
    public Path certificateFile() {
        return file(CA_CERTIFICATE);
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    // ------------------------------------------------------------------------------------------------ create

    @Override
    public synchronized X509Certificate create(String subject, KeyAlgorithm algorithm, Duration validity)
            throws CaException {
        Objects.requireNonNull(algorithm, "algorithm");
        requirePositive(validity);
        for (String name : new String[] {CA_CERTIFICATE, CA_KEY}) {
            if (Files.exists(file(name))) {
                throw new CaException("a CA already exists in " + directory + " (" + file(name)
                        + " is there); it is never overwritten");
            }
        }
        X500Name name = parseSubject(subject);
        KeyPair keyPair = generateKeyPair(algorithm);
        Instant now = now();
        BigInteger serial = newSerial(Map.of());
        X509Certificate certificate;
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(keyPair.getPublic());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(keyPair.getPrivate())));
            certificate.verify(keyPair.getPublic());
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot create the CA certificate: " + CredentialFiles.describe(e), e);
        }

        Path keyFile = file(CA_KEY);
        Path certificateFile = file(CA_CERTIFICATE);
        try {
            CredentialFiles.createPrivateDirectory(directory);
        } catch (IOException e) {
            throw new CaException("cannot create the CA directory " + directory + ": " + CredentialFiles.describe(e), e);
        }
        try {
            CredentialFiles.createPem(keyFile, keyPair.getPrivate());
        } catch (FileAlreadyExistsException e) {
            throw new CaException("a CA already exists in " + directory + " (" + keyFile + " is there); it is never overwritten", e);
        } catch (IOException e) {
            throw new CaException("cannot write " + keyFile + ": " + CredentialFiles.describe(e), e);
        }
        try {
            CredentialFiles.createPem(certificateFile, certificate);
        } catch (IOException e) {
            // We made the key a moment ago and nothing uses it yet: take it away again.
            deleteQuietly(keyFile);
            if (e instanceof FileAlreadyExistsException) {
                throw new CaException("a CA already exists in " + directory + " (" + certificateFile
                        + " is there); it is never overwritten", e);
            }
            throw new CaException("cannot write " + certificateFile + ": " + CredentialFiles.describe(e), e);
        }
        // State of an earlier CA in this directory (whose files were removed) does not apply to the new one. The
        // CRL number is kept, so it still only grows.
        try {
            CredentialFiles.replaceAtomically(file(ISSUED), new byte[0], false);
            CredentialFiles.replaceAtomically(file(REVOKED), new byte[0], false);
        } catch (IOException e) {
            throw new CaException("cannot write the CA state in " + directory + ": " + CredentialFiles.describe(e), e);
        }
        publish(new Ca(certificate, keyPair.getPrivate()), List.of(), now);
        LOG.info("Organisation CA created in {}: {}, serial {}, valid until {}", directory,
                certificate.getSubjectX500Principal().getName(), serial.toString(16), certificate.getNotAfter().toInstant());
        return certificate;
    }

    private static X500Name parseSubject(String subject) throws CaException {
        if (subject == null || subject.isBlank()) {
            throw new CaException("the CA needs a subject, e.g. CN=Example Org RadSec CA,O=Example Org");
        }
        try {
            // The JDK's reading of an RFC 4514 string (most specific first), in Bouncy Castle's form.
            X500Name name = X500Name.getInstance(new X500Principal(subject).getEncoded());
            if (name.getRDNs().length == 0) {
                throw new CaException("the CA subject \"" + subject + "\" is empty");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw new CaException("the CA subject \"" + subject + "\" is not a distinguished name: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ read

    @Override
    public synchronized X509Certificate certificate() throws CaException {
        requireExists();
        try {
            return CredentialFiles.loadCertificates(file(CA_CERTIFICATE)).get(0);
        } catch (CredentialFileException e) {
            throw new CaException("the CA certificate cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized X509CRL crl() throws CaException {
        Path crl = file(CRL);
        if (!Files.exists(crl)) {
            requireExists();
            throw new CaException("no CRL has been published yet: " + crl + " does not exist");
        }
        try {
            return CredentialFiles.loadCrls(crl).get(0);
        } catch (CredentialFileException e) {
            throw new CaException("the CRL cannot be read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ issue

    @Override
    public synchronized IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile)
            throws CaException {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (certificateFile.toAbsolutePath().normalize().equals(keyFile.toAbsolutePath().normalize())) {
            throw new CaException("the certificate and key files must differ, not both " + keyFile);
        }
        for (Path p : new Path[] {certificateFile, keyFile}) {
            if (Files.exists(p)) {
                throw new CaException(p + " exists already; it is never overwritten");
            }
        }
        Ca ca = loadCa();
        KeyPair keyPair = generateKeyPair(profile.keyAlgorithm());
        X509Certificate certificate = sign(ca, keyPair.getPublic(), profile);
        try {
            createParent(keyFile);
            CredentialFiles.createPem(keyFile, keyPair.getPrivate());
        } catch (IOException e) {
            throw new CaException("cannot write " + keyFile + ": " + CredentialFiles.describe(e), e);
        }
        try {
            createParent(certificateFile);
            CredentialFiles.createPem(certificateFile, certificate, ca.certificate);
        } catch (IOException e) {
            deleteQuietly(keyFile);
            throw new CaException("cannot write " + certificateFile + ": " + CredentialFiles.describe(e), e);
        }
        return new IssuedCertificate(certificate, certificateFile, keyFile);
    }

    @Override
    public synchronized X509Certificate signCsr(String csrPem, CertificateProfile profile) throws CaException {
        Objects.requireNonNull(profile, "profile");
        if (csrPem == null || csrPem.isBlank()) {
            throw new CaException("the certificate request is empty");
        }
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CaException("the certificate request is not valid PEM: " + CredentialFiles.describe(e), e);
        }
        if (parsed == null) {
            throw new CaException("the certificate request is not PEM: no -----BEGIN CERTIFICATE REQUEST----- found");
        }
        if (!(parsed instanceof PKCS10CertificationRequest)) {
            throw new CaException("the PEM text holds a " + parsed.getClass().getSimpleName()
                    + ", not a CERTIFICATE REQUEST");
        }
        PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parsed;
        PublicKey publicKey;
        try {
            publicKey = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw new CaException("unsupported public key in the certificate request: " + CredentialFiles.describe(e), e);
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new CaException("cannot verify the certificate request's signature: " + CredentialFiles.describe(e), e);
        }
        if (!valid) {
            throw new CaException("the certificate request's signature is not valid (subject " + csr.getSubject() + ")");
        }
        if (publicKey instanceof RSAPublicKey && ((RSAPublicKey) publicKey).getModulus().bitLength() < 2048) {
            throw new CaException("the certificate request's RSA key has "
                    + ((RSAPublicKey) publicKey).getModulus().bitLength() + " bits; at least 2048 are required");
        }
        return sign(loadCa(), publicKey, profile);
    }

    /** Issues a certificate for {@code publicKey} per {@code profile}, and records its serial. */
    private X509Certificate sign(Ca ca, PublicKey publicKey, CertificateProfile profile) throws CaException {
        Instant now = now();
        Instant caNotBefore = ca.certificate.getNotBefore().toInstant();
        Instant caNotAfter = ca.certificate.getNotAfter().toInstant();
        if (!caNotAfter.isAfter(now)) {
            throw new CaException("the CA certificate expired at " + caNotAfter + "; it can issue no more certificates");
        }
        Instant notBefore = now.minus(BACKDATE);
        if (notBefore.isBefore(caNotBefore)) {
            notBefore = caNotBefore;
        }
        Instant notAfter = now.plus(profile.validity());
        if (notAfter.isAfter(caNotAfter)) {
            LOG.warn("Certificate for {}: validity {} would end after the CA's ({}); it ends with the CA's", profile.commonName(),
                    profile.validity(), caNotAfter);
            notAfter = caNotAfter;
        }
        Map<BigInteger, String> issued = readIssued();
        BigInteger serial = newSerial(issued);
        boolean rsa = "RSA".equalsIgnoreCase(publicKey.getAlgorithm());
        X509Certificate certificate;
        try {
            X500Name issuer = X500Name.getInstance(ca.certificate.getSubjectX500Principal().getEncoded());
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
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ca.certificate));
            GeneralNames names = subjectAltNames(profile);
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer(ca.key)));
            certificate.verify(ca.certificate.getPublicKey());
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot issue the certificate for " + profile.commonName() + ": "
                    + CredentialFiles.describe(e), e);
        }
        // Recorded before anyone gets the certificate, so it can always be revoked.
        appendLine(file(ISSUED), serial.toString(16) + " " + notAfter + " " + certificate.getSubjectX500Principal().getName());
        LOG.info("Organisation CA issued {}, serial {}, valid until {}", certificate.getSubjectX500Principal().getName(),
                serial.toString(16), notAfter);
        return certificate;
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
            names.add(new GeneralName(GeneralName.otherName, new OtherName(NAI_REALM, new DERUTF8String(realm))));
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

    // ------------------------------------------------------------------------------------------------ revoke

    @Override
    public synchronized X509CRL revoke(BigInteger serial, RevocationReason reason) throws CaException {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Ca ca = loadCa();
        if (!readIssued().containsKey(serial)) {
            throw new CaException("serial " + serial.toString(16) + " was not issued by this CA (it is not in "
                    + file(ISSUED) + ")");
        }
        List<Revocation> revoked = new ArrayList<>(readRevoked());
        for (Revocation r : revoked) {
            if (r.serial.equals(serial)) {
                throw new CaException("serial " + serial.toString(16) + " is already revoked (at " + r.time + ", "
                        + r.reason + ")");
            }
        }
        Instant now = now();
        revoked.add(new Revocation(serial, now, reason));
        StringBuilder text = new StringBuilder();
        for (Revocation r : revoked) {
            text.append(r.serial.toString(16)).append(' ').append(r.time).append(' ').append(r.reason.name()).append('\n');
        }
        try {
            CredentialFiles.replaceAtomically(file(REVOKED), text.toString().getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new CaException("cannot write " + file(REVOKED) + ": " + CredentialFiles.describe(e), e);
        }
        LOG.info("Organisation CA revoked serial {} ({})", serial.toString(16), reason);
        return publish(ca, revoked, now);
    }

    /**
     * Signs and publishes a fresh CRL with the current revocations (a new thisUpdate, nextUpdate and cRLNumber).
     * For a scheduler to call well before the current CRL's nextUpdate.
     */
    public synchronized X509CRL publishCrl() throws CaException {
        return publish(loadCa(), readRevoked(), now());
    }

    private X509CRL publish(Ca ca, List<Revocation> revoked, Instant now) throws CaException {
        BigInteger number = nextCrlNumber();
        X509CRL crl;
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate, Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(crlValidity)));
            for (Revocation r : revoked) {
                if (r.reason == RevocationReason.UNSPECIFIED) {
                    // RFC 5280 5.3.1: the reasonCode extension should be absent rather than "unspecified".
                    builder.addCRLEntry(r.serial, Date.from(r.time), (Extensions) null);
                } else {
                    builder.addCRLEntry(r.serial, Date.from(r.time), r.reason.code());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(ca.certificate));
            crl = new JcaX509CRLConverter().getCRL(builder.build(signer(ca.key)));
            crl.verify(ca.certificate.getPublicKey());
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            throw new CaException("cannot sign the CRL: " + CredentialFiles.describe(e), e);
        }
        try {
            CredentialFiles.writePem(file(CRL), crl);
        } catch (IOException e) {
            throw new CaException("cannot write " + file(CRL) + ": " + CredentialFiles.describe(e), e);
        }
        return crl;
    }

    /** The next cRLNumber, recorded before use so that no number is published twice. */
    private BigInteger nextCrlNumber() throws CaException {
        Path counter = file(CRL_NUMBER);
        BigInteger last = BigInteger.ZERO;
        try {
            String text = new String(Files.readAllBytes(counter), StandardCharsets.US_ASCII).trim();
            if (!text.isEmpty()) {
                last = new BigInteger(text);
            }
        } catch (NoSuchFileException e) {
            // first CRL
        } catch (IOException | NumberFormatException e) {
            throw new CaException(counter + " is unreadable: " + CredentialFiles.describe(e), e);
        }
        BigInteger next = last.add(BigInteger.ONE);
        try {
            CredentialFiles.replaceAtomically(counter, (next + "\n").getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            throw new CaException("cannot write " + counter + ": " + CredentialFiles.describe(e), e);
        }
        return next;
    }

    // ------------------------------------------------------------------------------------------------ state

    /** Issued serials, with the rest of their line. */
    private Map<BigInteger, String> readIssued() throws CaException {
        Map<BigInteger, String> issued = new LinkedHashMap<>();
        List<String> lines = readLines(file(ISSUED));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 2);
            issued.put(parseSerial(file(ISSUED), i + 1, parts[0]), parts.length > 1 ? parts[1] : "");
        }
        return issued;
    }

    private List<Revocation> readRevoked() throws CaException {
        List<Revocation> revoked = new ArrayList<>();
        Path file = file(REVOKED);
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new CaException(file + " line " + (i + 1) + ": expected <serial hex> <time> <reason>");
            }
            try {
                revoked.add(new Revocation(parseSerial(file, i + 1, parts[0]), Instant.parse(parts[1]),
                        RevocationReason.valueOf(parts[2])));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new CaException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(revoked);
    }

    private static BigInteger parseSerial(Path file, int line, String hex) throws CaException {
        try {
            return new BigInteger(hex, 16);
        } catch (NumberFormatException e) {
            throw new CaException(file + " line " + line + ": not a hexadecimal serial: " + hex, e);
        }
    }

    private static List<String> readLines(Path file) throws CaException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CaException("cannot read " + file + ": " + CredentialFiles.describe(e), e);
        }
    }

    private static void appendLine(Path file, String line) throws CaException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new CaException("cannot record the issued serial in " + file + ": " + CredentialFiles.describe(e), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The CA certificate and its key, read (and checked to match) for one operation; never kept. */
    private static final class Ca {
        final X509Certificate certificate;
        final PrivateKey key;

        Ca(X509Certificate certificate, PrivateKey key) {
            this.certificate = certificate;
            this.key = key;
        }

        @Override
        public String toString() {
            return "Ca(" + certificate.getSubjectX500Principal().getName() + ")";
        }
    }

    private Ca loadCa() throws CaException {
        requireExists();
        try {
            CredentialFiles.KeyedChain kc = CredentialFiles.loadKeyedChain(file(CA_CERTIFICATE), file(CA_KEY), null);
            X509Certificate certificate = kc.leaf();
            if (certificate.getBasicConstraints() < 0) {
                throw new CaException(file(CA_CERTIFICATE) + " is not a CA certificate (basicConstraints cA is not true)");
            }
            return new Ca(certificate, kc.privateKey());
        } catch (CredentialFileException e) {
            throw new CaException("the CA in " + directory + " cannot be used: " + e.getMessage(), e);
        }
    }

    private void requireExists() throws CaException {
        if (!exists()) {
            throw new CaException("no CA exists in " + directory + " (" + CA_CERTIFICATE + " and " + CA_KEY
                    + " are needed); create one first");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A random positive serial of at most 159 bits (at most 20 octets encoded), not used before. */
    private BigInteger newSerial(Map<BigInteger, ?> used) {
        while (true) {
            BigInteger serial = new BigInteger(159, random);
            if (serial.bitLength() >= 64 && !used.containsKey(serial)) {
                return serial;
            }
        }
    }

    private static KeyPair generateKeyPair(KeyAlgorithm algorithm) throws CaException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
            if ("EC".equals(algorithm.keyType())) {
                generator.initialize(new ECGenParameterSpec("secp" + algorithm.size() + "r1"));
            } else {
                generator.initialize(algorithm.size());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CaException("cannot generate a " + algorithm + " key: " + CredentialFiles.describe(e), e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException, CaException {
        String algorithm = CredentialFiles.signatureAlgorithm(key);
        if (algorithm == null || algorithm.equals("SHA256withDSA")) {
            throw new CaException("unsupported CA key type " + key.getAlgorithm());
        }
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private static void requirePositive(Duration validity) throws CaException {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new CaException("the CA validity must be positive, not " + validity);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    private static final class Revocation {
        final BigInteger serial;
        final Instant time;
        final RevocationReason reason;

        Revocation(BigInteger serial, Instant time, RevocationReason reason) {
            this.serial = serial;
            this.time = time;
            this.reason = reason;
        }
    }
}
