package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.TrustStoreAnchor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link dev.radsec.pki.TrustStoreAdmin} does, in plain Java: lists a trust store's anchors and CRLs from what
 * the {@link CredentialRegistry} loaded, and adds and removes anchors by writing files under
 * {@code etc/radsec/trust/<name>/} and, when the store's {@code ca} list must change, its configuration. A change is
 * validated before anything is written, applied to the registry at once, and visible when the call returns.
 * Changes are serialised: one at a time.
 */
final class TrustAnchors {
    private static final Logger LOG = LoggerFactory.getLogger(TrustAnchors.class);

    static final String TRUST_PID = "dev.radsec.pki.trust";
    /** How long a change may take to be loaded before the call returns anyway. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** A few CA certificates are a few kB; an upload far beyond is not one. */
    private static final int MAX_PEM_CHARS = 1024 * 1024;
    private static final Path UPLOAD = Path.of("the uploaded PEM");

    /** The trust store configurations: ConfigAdmin in Karaf, a map in tests. */
    interface Configurations {
        /** The configuration whose trust store has this name, with ConfigAdmin's own keys; empty when none. */
        Optional<Stored> find(String trustName) throws IOException;

        /**
         * Stores {@code properties} as the whole configuration {@code pid}, or as a new factory configuration named
         * {@code trustName} when {@code pid} is null.
         *
         * @return what is stored now, with its PID and ConfigAdmin's own keys
         */
        Stored store(String pid, String trustName, Map<String, Object> properties) throws IOException;
    }

    /** A stored configuration: its PID and its properties. */
    record Stored(String pid, Map<String, Object> properties) {
    }

    private final CredentialRegistry registry;
    private final Configurations configurations;

    TrustAnchors(CredentialRegistry registry, Configurations configurations) {
        this.registry = registry;
        this.configurations = configurations;
    }

    /** {@code etc/radsec/trust/<name>}: where anchors added to that store go. */
    Path anchorDirectory(String trustName) {
        return registry.base().resolve("radsec").resolve("trust").resolve(trustName).toAbsolutePath().normalize();
    }

    // ------------------------------------------------------------------------------------------------ read

    List<TrustStoreAnchor> anchors(String trustName) {
        TrustMaterial m = registry.trustMaterial(trustName);
        if (m == null) {
            return List.of();
        }
        List<TrustStoreAnchor> out = new ArrayList<>();
        for (Sourced<X509Certificate> a : m.anchorFiles) {
            out.add(TrustStoreAnchor.of(a.item(), a.file().toAbsolutePath().normalize()));
        }
        return out;
    }

    CrlStatus crlStatus(String trustName) {
        TrustMaterial m = registry.trustMaterial(trustName);
        if (m == null) {
            return CrlStatus.none("no trust store named '" + trustName + "'");
        }
        List<CrlStatus.Crl> crls = new ArrayList<>();
        for (Sourced<X509CRL> c : m.crlFiles) {
            crls.add(describeCrl(c.file().toAbsolutePath().normalize().toString(), c.item()));
        }
        Optional<String> fetchError = Optional.empty();
        if (m.fetcher != null) {
            Map<URI, X509CRL> fetched = m.fetcher.fetched();
            fetched.keySet().stream().sorted(Comparator.comparing(URI::toString))
                    .forEach(uri -> crls.add(describeCrl(uri.toString(), fetched.get(uri))));
            fetchError = m.fetcher.lastError().map(CrlFetcher.FetchError::toString);
        }
        return new CrlStatus(m.checkRevocation, crls, fetchError, Optional.ofNullable(m.error));
    }

    private static CrlStatus.Crl describeCrl(String source, X509CRL crl) {
        int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        return new CrlStatus.Crl(source, crl.getIssuerX500Principal().getName(), crl.getThisUpdate().toInstant(),
                Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant), revoked);
    }

    // ------------------------------------------------------------------------------------------------ add

    /** Adds one CA certificate; see {@link dev.radsec.pki.TrustStoreAdmin#addAnchor}. */
    synchronized TrustStoreAnchor add(String trustName, String pem) throws CaException {
        requireName(trustName);
        List<X509Certificate> parsed = parseCas(pem);
        if (parsed.size() != 1) {
            throw new CaException("the uploaded PEM holds " + parsed.size() + " certificates; add one at a time");
        }
        X509Certificate ca = parsed.get(0);
        String fingerprint = TrustStoreAnchor.fingerprint(ca);
        for (TrustStoreAnchor a : anchors(trustName)) {
            if (a.fingerprint().equals(fingerprint)) {
                throw new CaException(a.subject() + " (SHA-256 " + fingerprint + ") is already an anchor of trust store '"
                        + trustName + "', from " + a.file());
            }
        }
        Path file = write(trustName, parsed);
        for (TrustStoreAnchor a : anchors(trustName)) {
            if (a.fingerprint().equals(fingerprint)) {
                LOG.info("Trust store '{}': anchor {} added (SHA-256 {}), in {}", trustName, a.subject(), fingerprint, file);
                return a;
            }
        }
        throw new CaException("wrote " + file + ", but trust store '" + trustName + "' does not hold it: "
                + crlStatus(trustName).loadError().orElse("it was not loaded within " + SETTLE.toSeconds() + " s"));
    }

    /** Adds the CA certificates of an upload as one file; see {@link dev.radsec.pki.TrustStoreAdmin#importCa}. */
    synchronized Path importCa(String trustName, String pem) throws CaException {
        requireName(trustName);
        Path file = write(trustName, parseCas(pem));
        LOG.info("Trust store '{}': CA certificates imported into {}", trustName, file);
        return file;
    }

    /**
     * Writes the certificates as one file in the store's directory, names that directory in the store's {@code ca}
     * (creating the store) when it is not, and waits until the store is loaded again.
     */
    private Path write(String trustName, List<X509Certificate> certificates) throws CaException {
        Path directory = anchorDirectory(trustName);
        Optional<Stored> stored = find(trustName);
        Map<String, Object> next = new LinkedHashMap<>();
        if (stored.isPresent()) {
            next.putAll(stored.get().properties());
        } else {
            next.put("name", trustName);
        }
        List<String> ca = ConfigReader.items(next.get("ca"));
        boolean listed = ca.stream().anyMatch(entry -> resolve(entry).equals(directory));
        if (!listed) {
            ca.add(registry.base().toAbsolutePath().normalize().relativize(directory).toString());
            next.put("ca", String.join(", ", ca));
            validate(trustName, next);
        }
        Path file = directory.resolve(fileName(certificates.get(0)));
        boolean existed = Files.exists(file);
        // The file first, then the configuration that names its directory: a crash between leaves a complete file
        // that no store reads yet (the directory is not named) or that the store loads at the next start (it is).
        try {
            AtomicFiles.createDirectories(directory, null);
            PemWriter.replace(file, certificates.toArray());
        } catch (IOException e) {
            throw new CaException("cannot write " + file + ": " + describe(e), e);
        }
        try {
            if (listed) {
                registry.reloadTrust(trustName);
            } else {
                apply(stored.map(Stored::pid).orElse(null), trustName, next);
            }
        } catch (CaException e) {
            if (!existed) {
                deleteQuietly(file);
            }
            throw e;
        }
        registry.settle(SETTLE);
        return file;
    }

    // ------------------------------------------------------------------------------------------------ remove

    /** Takes an anchor out; see {@link dev.radsec.pki.TrustStoreAdmin#removeAnchor}. */
    synchronized boolean remove(String trustName, String fingerprintText) throws CaException {
        String fingerprint;
        try {
            fingerprint = TrustStoreAnchor.parseFingerprint(fingerprintText);
        } catch (IllegalArgumentException e) {
            throw new CaException(e.getMessage(), e);
        }
        if (registry.trustMaterial(trustName) == null) {
            throw new CaException("no trust store named '" + trustName + "'");
        }
        List<TrustStoreAnchor> all = anchors(trustName);
        List<TrustStoreAnchor> matching = all.stream().filter(a -> a.fingerprint().equals(fingerprint)).toList();
        if (matching.isEmpty()) {
            return false;
        }
        Stored stored = find(trustName).orElseThrow(() -> new CaException("trust store '" + trustName
                + "' has no configuration in ConfigAdmin that could be changed"));
        Path directory = anchorDirectory(trustName);
        List<String> ca = ConfigReader.items(stored.properties().get("ca"));
        List<String> keep = new ArrayList<>(ca);
        Set<Path> delete = new LinkedHashSet<>();
        Map<Path, List<X509Certificate>> rewrite = new LinkedHashMap<>();
        for (Path file : matching.stream().map(TrustStoreAnchor::file).distinct().toList()) {
            if (directory.equals(file.getParent())) {
                List<X509Certificate> rest = othersIn(file, fingerprint);
                if (rest.isEmpty()) {
                    delete.add(file);
                    keep.removeIf(entry -> resolve(entry).equals(file)); // named on its own as well
                } else {
                    rewrite.put(file, rest);
                }
            } else if (ca.stream().anyMatch(entry -> resolve(entry).equals(file))) {
                boolean others = all.stream().anyMatch(a -> a.file().equals(file) && !a.fingerprint().equals(fingerprint));
                if (others) {
                    throw new CaException(matching.get(0).subject() + " is one of several certificates in " + file
                            + ", which the ca of trust store '" + trustName + "' names: edit that file to remove it");
                }
                keep.removeIf(entry -> resolve(entry).equals(file));
            } else {
                throw new CaException(matching.get(0).subject() + " comes from " + file + ", in a directory the ca of"
                        + " trust store '" + trustName + "' names: remove it from there");
            }
        }
        boolean directoryLeftEmpty = all.stream().noneMatch(a -> directory.equals(a.file().getParent())
                && !a.fingerprint().equals(fingerprint));
        if (directoryLeftEmpty) {
            keep.removeIf(entry -> resolve(entry).equals(directory));
        }
        if (keep.isEmpty()) {
            throw new CaException(matching.get(0).subject() + " is the only anchor of trust store '" + trustName
                    + "', and a trust store needs one: add another first, or delete the store's configuration to"
                    + " remove the store");
        }
        if (!keep.equals(ca)) {
            Map<String, Object> next = new LinkedHashMap<>(stored.properties());
            next.put("ca", String.join(", ", keep));
            validate(trustName, next);
            // The configuration first: a directory no longer named cannot make the store fail when it empties.
            apply(stored.pid(), trustName, next);
        }
        try {
            for (Map.Entry<Path, List<X509Certificate>> r : rewrite.entrySet()) {
                PemWriter.replace(r.getKey(), r.getValue().toArray());
            }
            for (Path file : delete) {
                AtomicFiles.delete(file);
            }
        } catch (IOException e) {
            throw new CaException("cannot change the anchor files of trust store '" + trustName + "': " + describe(e), e);
        }
        registry.reloadTrust(trustName);
        registry.settle(SETTLE);
        LOG.info("Trust store '{}': anchor {} removed (SHA-256 {})", trustName, matching.get(0).subject(), fingerprint);
        return true;
    }

    /** The certificates of a file in the store's directory other than the one with {@code fingerprint}. */
    private static List<X509Certificate> othersIn(Path file, String fingerprint) throws CaException {
        try {
            return CertificateReader.loadCertificates(file).stream()
                    .filter(c -> !TrustStoreAnchor.fingerprint(c).equals(fingerprint)).toList();
        } catch (CredentialFileException e) {
            throw new CaException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Optional<Stored> find(String trustName) throws CaException {
        try {
            return configurations.find(trustName);
        } catch (IOException e) {
            throw new CaException("cannot read the configuration of trust store '" + trustName + "': " + describe(e), e);
        }
    }

    /** Refuses a configuration the trust store would refuse, with the key and the reason. */
    private void validate(String trustName, Map<String, Object> properties) throws CaException {
        try {
            TrustSettings.parse(properties, registry.base());
        } catch (InvalidConfigurationException e) {
            throw new CaException("trust store '" + trustName + "': " + e.getMessage(), e);
        }
    }

    /** Stores the configuration and hands it to the registry now, rather than when ConfigAdmin delivers it too. */
    private void apply(String pid, String trustName, Map<String, Object> properties) throws CaException {
        Stored now;
        try {
            now = configurations.store(pid, trustName, properties);
        } catch (IOException e) {
            throw new CaException("cannot store the configuration of trust store '" + trustName + "': " + describe(e), e);
        }
        try {
            registry.trustConfigured(now.pid(), now.properties());
        } catch (InvalidConfigurationException e) {
            throw new CaException("trust store '" + trustName + "': " + e.getMessage(), e);
        }
    }

    private Path resolve(String configured) {
        return ConfigReader.path(registry.base(), configured).toAbsolutePath().normalize();
    }

    private static void requireName(String trustName) throws CaException {
        if (trustName == null || !NAME.matcher(trustName).matches()) {
            throw new CaException("trust store name '" + trustName + "' must be letters, digits, '.', '_' or '-'");
        }
    }

    /** The certificates of an upload, each a CA certificate within its validity on the PKI's clock. */
    private List<X509Certificate> parseCas(String pem) throws CaException {
        if (pem == null || pem.isBlank()) {
            throw new CaException("the uploaded PEM is empty");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new CaException("the uploaded PEM is " + pem.length() + " characters long; CA certificates are a few"
                    + " thousand");
        }
        List<X509Certificate> certificates;
        try {
            certificates = CertificateReader.certificates(UPLOAD, pem.getBytes(StandardCharsets.US_ASCII), false);
        } catch (CredentialFileException e) {
            throw new CaException(e.getMessage(), e);
        }
        Instant now = registry.clock().instant();
        for (X509Certificate c : certificates) {
            String subject = c.getSubjectX500Principal().getName();
            if (c.getBasicConstraints() < 0) {
                throw new CaException("not a CA certificate: basicConstraints cA is not true for " + subject);
            }
            Instant notAfter = c.getNotAfter().toInstant();
            if (now.isAfter(notAfter)) {
                throw new CaException("the CA certificate " + subject + " expired at " + notAfter);
            }
        }
        return certificates;
    }

    /** The first 16 hexadecimal digits of the SHA-256 fingerprint, {@code .pem}: unique enough, and stable. */
    private static String fileName(X509Certificate c) throws CaException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.of().formatHex(d, 0, 8) + ".pem";
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CaException("cannot fingerprint the certificate", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            AtomicFiles.delete(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
