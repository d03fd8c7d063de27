package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.common.AtomicFiles;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organisation root CA kept in one directory:
 * <ul>
 * <li>{@code ca.pem}: the self-signed root certificate;</li>
 * <li>{@code ca.key}: its private key, unencrypted PKCS#8 PEM, mode 0600 (the directory is created 0700);</li>
 * <li>{@code crl.pem}: the current CRL, replaced atomically;</li>
 * <li>the records of what it issued and revoked and the last CRL number: {@link CaDatabase}.</li>
 * </ul>
 * Every file is written whole or not at all ({@link AtomicFiles}); where one operation writes several, their order
 * leaves a state this class loads after a crash at any point (see {@link #create} and {@link #issue}).
 *
 * <p>Issued certificates are backdated by {@link #BACKDATE} for clock skew, and their notAfter is clamped to the
 * CA's notAfter (a certificate never outlives its CA). Times come from the injected clock, at second precision.
 * All operations are {@code synchronized}; two instances on the same directory (two processes) are not
 * coordinated beyond the CA files being created exclusively. Certificates and CRLs are encoded by
 * {@link CaSigner}.
 */
public final class OrganisationCaImpl implements OrganisationCa {

    private static final Logger LOG = LoggerFactory.getLogger(OrganisationCaImpl.class);

    /** How far notBefore is put before "now", for peers whose clocks are a little behind. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    /** How long a published CRL is valid (its nextUpdate). */
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

    static final String CA_CERTIFICATE = "ca.pem";
    static final String CA_KEY = "ca.key";
    static final String CRL = "crl.pem";

    private final Path directory;
    private final CaDatabase database;
    private final Clock clock;
    private final Duration crlValidity;
    private final SecureRandom random = new SecureRandom();

    public OrganisationCaImpl(Path caDirectory, Clock clock) {
        this(caDirectory, clock, DEFAULT_CRL_VALIDITY);
    }

    public OrganisationCaImpl(Path caDirectory, Clock clock, Duration crlValidity) {
        this.directory = Objects.requireNonNull(caDirectory, "caDirectory");
        this.database = new CaDatabase(caDirectory);
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
        Path keyFile = file(CA_KEY);
        Path certificateFile = file(CA_CERTIFICATE);
        if (Files.exists(certificateFile)) {
            throw new CaException("a CA already exists in " + directory + " (" + certificateFile
                    + " is there); it is never overwritten");
        }
        X500Name name = parseSubject(subject);
        KeyPair keyPair = generateKeyPair(algorithm);
        Instant now = now();
        BigInteger serial = newSerial(Set.of());
        X509Certificate certificate = CaSigner.root(name, keyPair, serial, now.minus(BACKDATE), now.plus(validity));

        try {
            AtomicFiles.createDirectories(directory, AtomicFiles.PRIVATE_DIRECTORY);
            if (Files.exists(keyFile)) {
                // A key without its certificate is what a create stopped between the two leaves (see below).
                Path aside = setAside(keyFile);
                LOG.warn("Organisation CA: {} had no certificate beside it, what a create interrupted by a crash "
                        + "leaves; kept as {}, and a new CA is created", keyFile, aside);
            }
        } catch (IOException e) {
            throw new CaException("cannot prepare the CA directory " + directory + ": " + describe(e), e);
        }
        // Crash-safe order: the records emptied first, then the key, then the certificate, which makes the CA exist
        // (exists() needs both), then the first CRL. A crash before the certificate leaves no CA and at most a key,
        // which the next create sets aside; one after it leaves a CA without its CRL, which every start publishes.
        database.reset();
        try {
            PemWriter.create(keyFile, keyPair.getPrivate());
        } catch (FileAlreadyExistsException e) {
            throw new CaException("a CA already exists in " + directory + " (" + keyFile + " is there); it is never overwritten", e);
        } catch (IOException e) {
            throw new CaException("cannot write " + keyFile + ": " + describe(e), e);
        }
        try {
            PemWriter.create(certificateFile, certificate);
        } catch (IOException e) {
            // We made the key a moment ago and nothing uses it yet: take it away again.
            deleteQuietly(keyFile);
            if (e instanceof FileAlreadyExistsException) {
                throw new CaException("a CA already exists in " + directory + " (" + certificateFile
                        + " is there); it is never overwritten", e);
            }
            throw new CaException("cannot write " + certificateFile + ": " + describe(e), e);
        }
        publish(new KeyedChain(new X509Certificate[] {certificate}, keyPair.getPrivate()), List.of(), now);
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
            return CertificateReader.loadCertificates(file(CA_CERTIFICATE)).get(0);
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
            return CrlReader.loadCrls(crl).get(0);
        } catch (CredentialFileException e) {
            throw new CaException("the CRL cannot be read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ issue

    @Override
    public synchronized IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile)
            throws CaException {
        return issue(profile, certificateFile, keyFile, null, null);
    }

    @Override
    public synchronized IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile,
                                                Path pkcs12File, char[] password) throws CaException {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        List<Path> files = new ArrayList<>(List.of(certificateFile, keyFile));
        if (pkcs12File != null) {
            if (password == null || password.length == 0) {
                throw new CaException("a PKCS#12 file needs a password: devices and OpenSSL refuse one without");
            }
            files.add(pkcs12File);
        }
        Set<Path> distinct = new HashSet<>();
        for (Path p : files) {
            if (!distinct.add(p.toAbsolutePath().normalize())) {
                throw new CaException("the certificate, key and PKCS#12 files must differ, not twice " + p);
            }
        }
        for (Path p : files) {
            if (Files.exists(p)) {
                String interrupted = p.equals(keyFile) && !Files.exists(certificateFile)
                        ? " (a key without its certificate is what an issue interrupted by a crash leaves: remove it"
                        + " and issue again)" : "";
                throw new CaException(p + " exists already; it is never overwritten" + interrupted);
            }
        }
        KeyedChain ca = loadCa();
        KeyPair keyPair = generateKeyPair(profile.keyAlgorithm());
        // Crash-safe order: sign() records the serial before any file exists, so every certificate on disk can be
        // revoked; then the key, then the certificate (the pair is complete), then the PKCS#12 file. A crash leaves
        // a recorded serial without files, or a key without its certificate, each file whole.
        X509Certificate certificate = sign(ca, keyPair.getPublic(), profile);
        try {
            createParent(keyFile);
            PemWriter.create(keyFile, keyPair.getPrivate());
        } catch (IOException e) {
            throw new CaException("cannot write " + keyFile + ": " + describe(e), e);
        }
        try {
            createParent(certificateFile);
            PemWriter.create(certificateFile, certificate, ca.leaf());
        } catch (IOException e) {
            deleteQuietly(keyFile);
            throw new CaException("cannot write " + certificateFile + ": " + describe(e), e);
        }
        if (pkcs12File == null) {
            return new IssuedCertificate(certificate, certificateFile, keyFile);
        }
        try {
            createParent(pkcs12File);
            Pkcs12Writer.create(pkcs12File, profile.commonName(), keyPair.getPrivate(),
                    new X509Certificate[] {certificate, ca.leaf()}, password);
        } catch (IOException e) {
            // The certificate is issued and recorded (it can be revoked); its PEM files stay for the operator.
            throw new CaException("issued serial " + certificate.getSerialNumber().toString(16) + " into "
                    + certificateFile + " and " + keyFile + ", but cannot write " + pkcs12File + ": " + describe(e), e);
        }
        return new IssuedCertificate(certificate, certificateFile, keyFile, Optional.of(pkcs12File));
    }

    @Override
    public synchronized int issuedCount() throws CaException {
        return exists() ? database.issuedSerials().size() : 0;
    }

    @Override
    public synchronized int revokedCount() throws CaException {
        return exists() ? database.revocations().size() : 0;
    }

    @Override
    public synchronized X509Certificate signCsr(String csrPem, CertificateProfile profile) throws CaException {
        Objects.requireNonNull(profile, "profile");
        PublicKey publicKey = CsrReader.verifiedPublicKey(csrPem);
        return sign(loadCa(), publicKey, profile);
    }

    /** Issues a certificate for {@code publicKey} per {@code profile}, and records its serial. */
    private X509Certificate sign(KeyedChain ca, PublicKey publicKey, CertificateProfile profile) throws CaException {
        Instant now = now();
        Instant caNotBefore = ca.leaf().getNotBefore().toInstant();
        Instant caNotAfter = ca.leaf().getNotAfter().toInstant();
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
        BigInteger serial = newSerial(database.issuedSerials());
        X509Certificate certificate = CaSigner.leaf(ca, publicKey, profile, serial, notBefore, notAfter);
        // Recorded before anyone gets the certificate, so it can always be revoked.
        database.recordIssued(serial, notAfter, certificate.getSubjectX500Principal().getName());
        LOG.info("Organisation CA issued {}, serial {}, valid until {}", certificate.getSubjectX500Principal().getName(),
                serial.toString(16), notAfter);
        return certificate;
    }

    // ------------------------------------------------------------------------------------------------ revoke

    @Override
    public synchronized X509CRL revoke(BigInteger serial, RevocationReason reason) throws CaException {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        KeyedChain ca = loadCa();
        Instant now = now();
        // The revocation is recorded before the CRL that lists it: a crash between leaves it recorded, and the CRL
        // every start publishes lists it.
        List<CaDatabase.Revocation> revoked = database.revoke(serial, now, reason);
        LOG.info("Organisation CA revoked serial {} ({})", serial.toString(16), reason);
        return publish(ca, revoked, now);
    }

    /**
     * Signs and publishes a fresh CRL with the current revocations (a new thisUpdate, nextUpdate and cRLNumber).
     * For a scheduler to call well before the current CRL's nextUpdate.
     */
    public synchronized X509CRL publishCrl() throws CaException {
        return publish(loadCa(), database.revocations(), now());
    }

    private X509CRL publish(KeyedChain ca, List<CaDatabase.Revocation> revoked, Instant now) throws CaException {
        // The number is recorded before the CRL carrying it is written: a crash between skips a number, never
        // publishes one twice.
        BigInteger number = database.nextCrlNumber();
        X509CRL crl = CaSigner.crl(ca, revoked, number, now, now.plus(crlValidity));
        try {
            PemWriter.replace(file(CRL), crl);
        } catch (IOException e) {
            throw new CaException("cannot write " + file(CRL) + ": " + describe(e), e);
        }
        return crl;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The CA certificate and its key, read (and checked to match) for one operation; never kept. */
    private KeyedChain loadCa() throws CaException {
        requireExists();
        try {
            KeyedChain ca = KeyedChainReader.load(file(CA_CERTIFICATE), file(CA_KEY), null);
            if (ca.leaf().getBasicConstraints() < 0) {
                throw new CaException(file(CA_CERTIFICATE) + " is not a CA certificate (basicConstraints cA is not true)");
            }
            return ca;
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
    private BigInteger newSerial(Set<BigInteger> used) {
        while (true) {
            BigInteger serial = new BigInteger(159, random);
            if (serial.bitLength() >= 64 && !used.contains(serial)) {
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
            throw new CaException("cannot generate a " + algorithm + " key: " + describe(e), e);
        }
    }

    private static void requirePositive(Duration validity) throws CaException {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new CaException("the CA validity must be positive, not " + validity);
        }
    }

    /**
     * Renames a key left without its certificate to {@code <name>.interrupted} ({@code .interrupted-2}, ... when that
     * is taken): never deleted, in case it is someone's, but out of the way of a new one.
     *
     * @return its new name
     */
    static Path setAside(Path key) throws IOException {
        Path aside = key.resolveSibling(key.getFileName() + ".interrupted");
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = key.resolveSibling(key.getFileName() + ".interrupted-" + n);
        }
        AtomicFiles.move(key, aside);
        return aside;
    }

    private static void createParent(Path file) throws IOException {
        AtomicFiles.createDirectories(file.toAbsolutePath().getParent(), null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
