package dev.radsec.pki.internal;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.CharArrayWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates, private keys, CA certificates and CRLs from PEM, DER and PKCS#12 files, and writes PEM
 * files safely (atomically; private keys with mode 0600).
 *
 * <p>Every failure is a {@link CredentialFileException} whose message starts with the file and says what is
 * wrong. Neither messages nor {@code toString()} ever carry key material or passwords.
 *
 * <p>Certificates and CRLs come out as plain JDK objects (the JDK's {@code X.509} certificate factory), and
 * private keys as JDK keys, so they can be handed to JSSE. Bouncy Castle's provider is used, without being
 * registered, only to decrypt encrypted keys.
 */
public final class CredentialFiles {

    /** Bouncy Castle's provider, used directly and never added to the JVM's provider list. */
    private static final Provider BC = new BouncyCastleProvider();

    /** Larger files are refused: no certificate, key or CRL file this PKI reads should be near this. */
    private static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** OpenSSL's {@code c_rehash} names: {@code <8 hex digits>.<n>}; CRLs are {@code .r<n>} and do not match. */
    private static final Pattern HASHED_NAME = Pattern.compile("[0-9a-fA-F]{8}\\.[0-9]+");

    /** Long base64-looking runs are cut out of texts taken from parsers before they go into a message. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{40,}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialFiles() {
    }

    /** A certificate chain, leaf first, with the leaf's private key. {@code toString()} shows only the leaf. */
    public static final class KeyedChain {
        private final X509Certificate[] chain;
        private final PrivateKey privateKey;

        public KeyedChain(X509Certificate[] chain, PrivateKey privateKey) {
            if (chain == null || chain.length == 0 || privateKey == null) {
                throw new IllegalArgumentException("a keyed chain needs at least one certificate and a key");
            }
            this.chain = chain.clone();
            this.privateKey = privateKey;
        }

        /** The chain, leaf first; a copy. */
        public X509Certificate[] chain() {
            return chain.clone();
        }

        public X509Certificate leaf() {
            return chain[0];
        }

        public PrivateKey privateKey() {
            return privateKey;
        }

        @Override
        public String toString() {
            return "KeyedChain(" + chain[0].getSubjectX500Principal().getName() + ", serial "
                    + chain[0].getSerialNumber().toString(16) + ")";
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * Loads a certificate chain and its private key, and checks that they belong together.
     *
     * @param certificate a PEM chain (leaf first), a DER certificate, or a PKCS#12 file (recognised by content, or by
     *     a {@code .p12}/{@code .pfx} name)
     * @param privateKey a PEM (or DER PKCS#8) private key: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 or legacy
     *     OpenSSL-encrypted PEM; {@code null} for a PKCS#12 file, whose key entry is used
     * @param password for an encrypted key or the PKCS#12 file; may be null for an unencrypted key. Not kept.
     */
    public static KeyedChain loadKeyedChain(Path certificate, Path privateKey, char[] password)
            throws CredentialFileException {
        byte[] certificateBytes = read(certificate);
        boolean pkcs12 = isPkcs12(certificate, certificateBytes);
        if (privateKey == null) {
            if (!pkcs12) {
                throw new CredentialFileException(certificate, Kind.UNREADABLE,
                        "not a PKCS#12 file, and no private key file is configured for it");
            }
            return loadPkcs12(certificate, certificateBytes, password);
        }
        if (pkcs12) {
            throw new CredentialFileException(certificate, Kind.UNREADABLE,
                    "is a PKCS#12 file, which holds its own key: configure it without a separate private key file");
        }
        List<X509Certificate> chain = certificates(certificate, certificateBytes, false);
        PrivateKey key = readPrivateKey(privateKey, password);
        requireMatch(chain.get(0), certificate, key, privateKey);
        return new KeyedChain(chain.toArray(new X509Certificate[0]), key);
    }

    /**
     * Loads trust anchors: a PEM file with one or more certificates (or a DER certificate), or a directory, of which
     * the files named {@code *.pem}, {@code *.crt}, {@code *.cer} and OpenSSL's hashed names ({@code 1a2b3c4d.0}) are
     * read; there, files holding only other PEM objects (a CRL, say) are skipped. Duplicates (hashed-name links) are
     * dropped. Every certificate must be a CA certificate (basicConstraints cA=true).
     */
    public static List<X509Certificate> loadCaCertificates(Path fileOrDirectory) throws CredentialFileException {
        if (Files.isDirectory(fileOrDirectory)) {
            Set<X509Certificate> all = new LinkedHashSet<>();
            for (Path file : directoryEntries(fileOrDirectory)) {
                for (X509Certificate c : certificates(file, read(file), true)) {
                    requireCa(file, c);
                    all.add(c);
                }
            }
            if (all.isEmpty()) {
                throw new CredentialFileException(fileOrDirectory, Kind.UNREADABLE,
                        "no CA certificate found in this directory (read: *.pem, *.crt, *.cer and OpenSSL hashed names)");
            }
            return Collections.unmodifiableList(new ArrayList<>(all));
        }
        List<X509Certificate> certificates = certificates(fileOrDirectory, read(fileOrDirectory), false);
        for (X509Certificate c : certificates) {
            requireCa(fileOrDirectory, c);
        }
        return Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(certificates)));
    }

    /** Loads the certificates of a PEM file (or one DER certificate), in file order, without further checks. */
    public static List<X509Certificate> loadCertificates(Path file) throws CredentialFileException {
        return Collections.unmodifiableList(certificates(file, read(file), false));
    }

    /** Loads the CRLs of a PEM file ({@code X509 CRL}, one or more) or of a DER file. */
    public static List<X509CRL> loadCrls(Path file) throws CredentialFileException {
        byte[] bytes = read(file);
        List<X509CRL> crls = new ArrayList<>();
        if (isPem(bytes)) {
            for (Object o : pemObjects(file, bytes)) {
                if (o instanceof X509CRLHolder) {
                    crls.add(toCrl(file, (X509CRLHolder) o));
                }
            }
            if (crls.isEmpty()) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no CRL (X509 CRL) found in this PEM file");
            }
        } else {
            try {
                for (CRL crl : certificateFactory().generateCRLs(new ByteArrayInputStream(bytes))) {
                    crls.add((X509CRL) crl);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "neither a PEM nor a DER CRL: " + describe(e), e);
            }
            if (crls.isEmpty()) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no CRL found");
            }
        }
        return Collections.unmodifiableList(crls);
    }

    /**
     * Reads the file's bytes. Missing → {@link Kind#MISSING}; a directory, too large, or not readable →
     * {@link Kind#UNREADABLE}.
     */
    static byte[] read(Path file) throws CredentialFileException {
        if (file == null) {
            throw new IllegalArgumentException("no file given");
        }
        try {
            if (Files.isDirectory(file)) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "is a directory, not a file");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "too large (over " + MAX_FILE_SIZE
                        + " bytes) for a certificate, key or CRL file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CredentialFileException(file, Kind.MISSING, "does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "cannot be read: " + describe(e), e);
        }
    }

    private static List<Path> directoryEntries(Path directory) throws CredentialFileException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                boolean wanted = lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer")
                        || HASHED_NAME.matcher(name).matches();
                if (wanted && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            throw new CredentialFileException(directory, Kind.MISSING, "does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CredentialFileException(directory, Kind.UNREADABLE, "cannot be listed: permission denied", e);
        } catch (IOException e) {
            throw new CredentialFileException(directory, Kind.UNREADABLE, "cannot be listed: " + describe(e), e);
        }
        Collections.sort(files);
        return files;
    }

    private static void requireCa(Path file, X509Certificate c) throws CredentialFileException {
        if (c.getBasicConstraints() < 0) {
            throw new CredentialFileException(file, Kind.NOT_A_CA, "not a CA certificate: basicConstraints cA is not true"
                    + " in the certificate of " + c.getSubjectX500Principal().getName());
        }
    }

    /**
     * The certificates in PEM or DER {@code bytes}. Other PEM objects (keys, CRLs, EC parameters) are skipped; with
     * {@code noneIsFine} a PEM file with only such objects gives an empty list instead of an error.
     */
    private static List<X509Certificate> certificates(Path file, byte[] bytes, boolean noneIsFine)
            throws CredentialFileException {
        List<X509Certificate> out = new ArrayList<>();
        if (isPem(bytes)) {
            for (Object o : pemObjects(file, bytes)) {
                if (o instanceof X509CertificateHolder) {
                    out.add(toCertificate(file, (X509CertificateHolder) o));
                } else if (o instanceof X509TrustedCertificateBlock) {
                    out.add(toCertificate(file, ((X509TrustedCertificateBlock) o).getCertificateHolder()));
                }
            }
            if (out.isEmpty() && !noneIsFine) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no certificate found in this PEM file");
            }
            return out;
        }
        if (bytes.length == 0) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "empty file: no PEM object found");
        }
        if (bytes[0] != 0x30) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER certificate");
        }
        try {
            for (Certificate c : certificateFactory().generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER certificate: "
                    + describe(e), e);
        }
        if (out.isEmpty()) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no certificate found");
        }
        return out;
    }

    private static X509Certificate toCertificate(Path file, X509CertificateHolder holder) throws CredentialFileException {
        try {
            return (X509Certificate) certificateFactory().generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt certificate: " + describe(e), e);
        }
    }

    private static X509CRL toCrl(Path file, X509CRLHolder holder) throws CredentialFileException {
        try {
            return (X509CRL) certificateFactory().generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt CRL: " + describe(e), e);
        }
    }

    /** Every PEM object in the file, as Bouncy Castle's PEMParser makes it; at least one. */
    private static List<Object> pemObjects(Path file, byte[] bytes) throws CredentialFileException {
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt PEM: " + describe(e), e);
        }
        if (out.isEmpty()) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found");
        }
        return out;
    }

    private static PrivateKey readPrivateKey(Path file, char[] password) throws CredentialFileException {
        byte[] bytes = read(file);
        try {
            if (!isPem(bytes)) {
                return derPrivateKey(file, bytes, password);
            }
            List<Object> objects = pemObjects(file, bytes);
            for (Object o : objects) {
                PrivateKey key = privateKeyOf(file, o, password);
                if (key != null) {
                    return key;
                }
            }
            throw new CredentialFileException(file, Kind.UNREADABLE, "no private key found in this PEM file");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A DER PKCS#8 key, plain or encrypted. */
    private static PrivateKey derPrivateKey(Path file, byte[] bytes, char[] password) throws CredentialFileException {
        if (bytes.length == 0) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "empty file: no PEM object found");
        }
        if (bytes[0] == 0x30) {
            Object parsed = null;
            try {
                parsed = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
            } catch (IOException | RuntimeException notPlain) {
                try {
                    parsed = new PKCS8EncryptedPrivateKeyInfo(bytes);
                } catch (IOException | RuntimeException notEncrypted) {
                    // neither: reported below
                }
            }
            if (parsed != null) {
                PrivateKey key = privateKeyOf(file, parsed, password);
                if (key != null) {
                    return key;
                }
            }
        }
        throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER PKCS#8 private key");
    }

    /** The private key a PEM object holds, or {@code null} when it holds none (a certificate, EC parameters...). */
    private static PrivateKey privateKeyOf(Path file, Object o, char[] password) throws CredentialFileException {
        JdkKeys converter = new JdkKeys();
        try {
            if (o instanceof PEMKeyPair) {
                // Only the private part: a SEC1 key need not carry its public key.
                return converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) o);
            }
        } catch (IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt or unsupported private key: " + describe(e), e);
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
            requirePassword(file, password);
            InputDecryptorProvider decryptor;
            try {
                decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password);
            } catch (OperatorCreationException | RuntimeException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "cannot decrypt the private key: " + describe(e), e);
            }
            PrivateKeyInfo info;
            try {
                info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(decryptor);
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
            try {
                return converter.getPrivateKey(info);
            } catch (IOException | RuntimeException e) {
                // A wrong password that happened to give valid padding decrypts to garbage.
                throw wrongPassword(file, e);
            }
        }
        if (o instanceof PEMEncryptedKeyPair) {
            requirePassword(file, password);
            PEMKeyPair pair;
            try {
                pair = ((PEMEncryptedKeyPair) o).decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC)
                        .build(password));
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
            try {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            } catch (IOException | RuntimeException e) {
                throw wrongPassword(file, e);
            }
        }
        return null;
    }

    /**
     * Turns a PKCS#8 structure into a key of the JDK's own providers. BC's converter names EC keys "ECDSA" when
     * Bouncy Castle is a registered provider (Karaf's ssh feature registers it), and JSSE then finds no key for
     * key type "EC": a server offers no certificate.
     */
    private static final class JdkKeys {
        private static final String EC = "1.2.840.10045.2.1";
        private static final String RSA = "1.2.840.113549.1.1.1";
        private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
        private final JcaPEMKeyConverter fallback = new JcaPEMKeyConverter();

        PrivateKey getPrivateKey(PrivateKeyInfo info) throws IOException {
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = EC.equals(oid) ? "EC" : RSA.equals(oid) ? "RSA" : RSASSA_PSS.equals(oid) ? "RSASSA-PSS" : null;
            if (algorithm == null) {
                return fallback.getPrivateKey(info);
            }
            try {
                // Through BC's key first: its encoding carries the curve in the algorithm identifier, which the
                // JDK requires and a SEC1 file's PrivateKeyInfo lacks.
                PrivateKey any = fallback.getPrivateKey(info);
                return java.security.KeyFactory.getInstance(algorithm)
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(any.getEncoded()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private static void requirePassword(Path file, char[] password) throws CredentialFileException {
        if (password == null) {
            throw new CredentialFileException(file, Kind.UNREADABLE,
                    "the private key is encrypted, and no password is configured for it");
        }
    }

    private static CredentialFileException wrongPassword(Path file, Exception cause) {
        return new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the encrypted private key", cause);
    }

    private static KeyedChain loadPkcs12(Path file, byte[] bytes, char[] password) throws CredentialFileException {
        if (password == null) {
            throw new CredentialFileException(file, Kind.UNREADABLE,
                    "a PKCS#12 file needs a password, and none is configured for it");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (causedBy(e, UnrecoverableKeyException.class) || causedBy(e, javax.crypto.BadPaddingException.class)) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the PKCS#12 file", e);
            }
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt PKCS#12 file: " + describe(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt or unsupported PKCS#12 file: " + describe(e), e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no private key found in this PKCS#12 file");
            }
            if (keyAliases.size() > 1) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "this PKCS#12 file holds " + keyAliases.size()
                        + " private keys; only files with exactly one are supported");
            }
            String alias = keyAliases.get(0);
            PrivateKey key;
            try {
                key = (PrivateKey) store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the private key in the PKCS#12 file", e);
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new CredentialFileException(file, Kind.UNREADABLE,
                        "the PKCS#12 file holds a private key but no certificate for it");
            }
            X509Certificate[] x509 = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                x509[i] = (X509Certificate) chain[i];
            }
            requireMatch(x509[0], file, key, file);
            return new KeyedChain(x509, key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "unsupported PKCS#12 content: " + describe(e), e);
        }
    }

    /** Whether the file is PKCS#12: named {@code .p12}/{@code .pfx}, or DER that parses as a PFX. */
    private static boolean isPkcs12(Path file, byte[] bytes) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return true;
        }
        if (bytes.length == 0 || bytes[0] != 0x30) {
            return false;
        }
        try {
            Pfx.getInstance(ASN1Primitive.fromByteArray(bytes));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isPem(byte[] bytes) {
        // PEM may be preceded by text (openssl's "Bag Attributes", x509 -text output).
        return indexOf(bytes, "-----BEGIN ".getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by signing random data with the key and verifying it
     * with the certificate's public key (RSA, EC, EdDSA, DSA).
     */
    private static void requireMatch(X509Certificate certificate, Path certificateFile, PrivateKey key, Path keyFile)
            throws CredentialFileException {
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            throw new CredentialFileException(keyFile, Kind.UNREADABLE, "unsupported private key type " + key.getAlgorithm());
        }
        String where = certificateFile.equals(keyFile) ? "" : " in " + certificateFile;
        PublicKey publicKey = certificate.getPublicKey();
        boolean match;
        try {
            byte[] data = new byte[32];
            RANDOM.nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            match = verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            // e.g. an RSA key against an EC certificate, or keys on different curves
            match = false;
        } catch (NoSuchAlgorithmException e) {
            throw new CredentialFileException(keyFile, Kind.UNREADABLE, "unsupported private key type " + key.getAlgorithm(), e);
        }
        if (!match) {
            throw new CredentialFileException(keyFile, Kind.KEY_MISMATCH,
                    "the private key does not match the certificate's public key (certificate "
                            + certificate.getSubjectX500Principal().getName() + ", serial "
                            + certificate.getSerialNumber().toString(16) + where + ")");
        }
    }

    /** A signature algorithm a key of this type makes, or {@code null}. */
    static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "EDDSA":
            case "ED25519":
            case "ED448":
                return key.getAlgorithm();
            case "DSA":
                return "SHA256withDSA";
            default:
                return null;
        }
    }

    private static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A parser's or the JDK's complaint, safe for a message: short, and with no long base64-like runs. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = BASE64_RUN.matcher(m.replaceAll("\\s+", " ")).replaceAll("...");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Encodes objects as PEM (certificates, CRLs, CSRs, public keys; a {@link PrivateKey} or {@link KeyPair} as
     * unencrypted PKCS#8 {@code PRIVATE KEY}). The caller should clear the returned array when it holds a key.
     */
    public static byte[] pem(Object... objects) throws IOException {
        CharArrayWriter chars = new CharArrayWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(chars)) {
            for (Object o : objects) {
                if (o instanceof KeyPair) {
                    o = ((KeyPair) o).getPrivate();
                }
                if (o instanceof PrivateKey) {
                    writer.writeObject(new JcaPKCS8Generator((PrivateKey) o, null));
                } else {
                    writer.writeObject(o);
                }
            }
        }
        char[] text = chars.toCharArray();
        chars.reset();
        try {
            ByteBuffer buffer = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
            return bytes;
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Writes objects as PEM (see {@link #pem}), replacing {@code file} atomically: readers see the old file or the
     * new one, never half a file. The file is mode 0644, or 0600 when a private key is among the objects.
     */
    public static void writePem(Path file, Object... objects) throws IOException {
        byte[] bytes = pem(objects);
        try {
            replaceAtomically(file, bytes, holdsPrivateKey(objects));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Writes objects as PEM into a new file; fails with {@link java.nio.file.FileAlreadyExistsException} when
     * {@code file} exists. Mode 0600 when a private key is among the objects: the file is created with that mode,
     * so it is never readable by others, not even briefly.
     */
    public static void createPem(Path file, Object... objects) throws IOException {
        byte[] bytes = pem(objects);
        try {
            createFile(file, bytes, holdsPrivateKey(objects));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean holdsPrivateKey(Object... objects) {
        for (Object o : objects) {
            if (o instanceof PrivateKey || o instanceof KeyPair || o instanceof JcaPKCS8Generator) {
                return true;
            }
        }
        return false;
    }

    /**
     * Creates a new file with {@code content}; fails when it exists. With {@code ownerOnly} the file is created with
     * mode 0600 (on file systems without POSIX permissions: restricted to its owner right after creation, before
     * anything is written). A file that could not be written completely is deleted.
     */
    public static void createFile(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SeekableByteChannel channel;
        boolean restrictAfter = false;
        if (ownerOnly) {
            try {
                channel = Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                channel = Files.newByteChannel(file, options);
                restrictAfter = true;
            }
        } else {
            channel = Files.newByteChannel(file, options);
        }
        boolean done = false;
        try (SeekableByteChannel c = channel) {
            if (restrictAfter) {
                restrictToOwner(file);
            }
            writeFully(c, content);
            if (c instanceof FileChannel) {
                ((FileChannel) c).force(true);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Replaces {@code file} with {@code content} atomically: writes a temporary file in the same directory and
     * moves it over the old one. Mode 0600 with {@code ownerOnly}, else 0644.
     */
    public static void replaceAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // Created 0600 where POSIX permissions exist.
            temp = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
            if (ownerOnly) {
                restrictToOwner(temp);
            } else {
                try {
                    Files.setPosixFilePermissions(temp, WORLD_READABLE);
                } catch (UnsupportedOperationException notPosix) {
                    // keep the file system's default
                }
            }
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(c, content);
                c.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Creates a directory with mode 0700 (its missing parents are created normally). Exists already: unchanged. */
    public static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(directory);
            restrictToOwner(directory);
        }
    }

    private static void writeFully(SeekableByteChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Best effort on any file system: POSIX 0600/0700, else an owner-only ACL, else java.io.File flags. */
    private static void restrictToOwner(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try {
            Files.setPosixFilePermissions(path, directory ? OWNER_ONLY_DIRECTORY : OWNER_ONLY);
            return;
        } catch (UnsupportedOperationException notPosix) {
            // try ACLs
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            acl.setAcl(List.of(ownerOnly));
            return;
        }
        File f = path.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        if (directory) {
            f.setExecutable(false, false);
            f.setExecutable(true, true);
        }
    }
}
