package dev.radsec.pki.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The validated configuration of one local certificate (factory PID {@code dev.radsec.pki.certificate}). */
final class CertificateSettings extends NamedSettings {
    static final long DEFAULT_RETRY_SECONDS = 300;
    static final long DEFAULT_EXPIRY_WARNING_DAYS = 30;
    /** Ten years: longer than any certificate an operator would want warned about for its whole life. */
    static final long MAX_EXPIRY_WARNING_DAYS = 3650;

    final Path certificate;
    /** Null for PKCS#12. */
    final Path privateKey;
    private final char[] password;
    final Duration retryInterval;
    /** How long before its notAfter a usable certificate is reported expiring; zero: never. */
    final Duration expiryWarning;

    private CertificateSettings(String name, Path certificate, Path privateKey, char[] password, Duration retryInterval,
                                Duration expiryWarning, List<String> unknownKeys) {
        super(name, unknownKeys);
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.password = password;
        this.retryInterval = retryInterval;
        this.expiryWarning = expiryWarning;
    }

    static CertificateSettings parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        String name = v.instanceName("dev.radsec.pki.certificate", null);
        if (name == null) {
            throw new InvalidConfigurationException("name",
                    "is required (or name the file etc/dev.radsec.pki.certificate-<name>.cfg)");
        }
        Path certificate = ConfigReader.path(base, v.required("certificate"));
        String key = v.string("private-key", null);
        String password = v.string("password", null);
        long retry = v.number("retry-interval", DEFAULT_RETRY_SECONDS, 1, 86_400);
        long warning = v.number("expiry-warning", DEFAULT_EXPIRY_WARNING_DAYS, 0, MAX_EXPIRY_WARNING_DAYS);
        return new CertificateSettings(name, certificate, key == null ? null : ConfigReader.path(base, key),
                password == null ? null : password.toCharArray(), Duration.ofSeconds(retry), Duration.ofDays(warning),
                v.unknownKeys());
    }

    /** The certificate file and the key file, if any. */
    @Override
    List<Path> watchedPaths() {
        List<Path> files = new ArrayList<>();
        files.add(certificate);
        if (privateKey != null) {
            files.add(privateKey);
        }
        return files;
    }

    /** A copy of the password, or {@code null}; the caller clears it after use. */
    char[] password() {
        return password == null ? null : password.clone();
    }

    boolean sameFiles(CertificateSettings o) {
        return certificate.equals(o.certificate) && java.util.Objects.equals(privateKey, o.privateKey)
                && Arrays.equals(password, o.password);
    }

    @Override
    public String toString() {
        return "certificate " + name + " (" + certificate + (privateKey != null ? ", " + privateKey : "") + ")";
    }
}
