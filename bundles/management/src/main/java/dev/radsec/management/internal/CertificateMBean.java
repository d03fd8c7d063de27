package dev.radsec.management.internal;

import dev.radsec.management.CertificateMXBean;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@link CertificateMXBean} of the certificate {@code name}: its status over the PKI's {@link CredentialService}, its
 * settings from its configuration in {@code store} ({@link CertificateKeys}, answered as every configured MBean's).
 *
 * @param store where its settings are read and written; null: none (they read empty and refuse writes)
 */
public record CertificateMBean(String name, CredentialService pki, Clock clock, ConfigurationStore store)
        implements CertificateMXBean {

    /** Status only: its settings read empty and refuse writes. */
    public CertificateMBean(String name, CredentialService pki, Clock clock) {
        this(name, pki, clock, null);
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(CertificateKeys.class, Object.class, store, ConfigurationKind.CERTIFICATE);
    }

    private CertificateKeys keys() {
        if (store == null) {
            throw new IllegalStateException("certificate " + name + ": its settings are not writable here");
        }
        return ConfiguredMBean.create(CertificateKeys.class, new Object(), store, ConfigurationKind.CERTIFICATE, name);
    }

    private <T> T read(Function<CertificateKeys, T> getter, T none) {
        return store == null ? none : getter.apply(keys());
    }

    private CertificateStatus status() {
        return pki.certificate(name);
    }

    /** {@code available}, or the reason in words (e.g. {@code revoked}, {@code missing}) and its detail. */
    public static String describe(CertificateStatus s) {
        if (s.isAvailable()) {
            return "available";
        }
        String reason = s.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return s.detail().isEmpty() ? reason : reason + ": " + s.detail();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getSubject() {
        return status().subject().orElse("");
    }

    @Override
    public String getIssuer() {
        return status().issuer().orElse("");
    }

    @Override
    public String getSerial() {
        return status().serial().map(n -> n.toString(16)).orElse("");
    }

    @Override
    public String getNotBefore() {
        return status().notBefore().map(Instant::toString).orElse("");
    }

    @Override
    public String getNotAfter() {
        return status().notAfter().map(Instant::toString).orElse("");
    }

    @Override
    public long getDaysToExpiry() {
        return status().notAfter().map(t -> Math.floorDiv(Duration.between(clock.instant(), t).getSeconds(), 86_400L))
                .orElse(0L);
    }

    @Override
    public String getStatus() {
        return describe(status());
    }

    @Override
    public String getNextRetry() {
        return status().nextRetry().map(Instant::toString).orElse("");
    }

    // ------------------------------------------------------------------------------------------------ configuration

    @Override
    public String getCertificate() {
        return read(CertificateKeys::getCertificate, "");
    }

    @Override
    public void setCertificate(String certificate) {
        keys().setCertificate(certificate);
    }

    @Override
    public String getPrivateKey() {
        return read(CertificateKeys::getPrivateKey, "");
    }

    @Override
    public void setPrivateKey(String privateKey) {
        keys().setPrivateKey(privateKey);
    }

    @Override
    public String getPassword() {
        return read(CertificateKeys::getPassword, "");
    }

    @Override
    public void setPassword(String password) {
        keys().setPassword(password);
    }

    @Override
    public long getRetryInterval() {
        return read(CertificateKeys::getRetryInterval, 0L);
    }

    @Override
    public void setRetryInterval(long seconds) {
        keys().setRetryInterval(seconds);
    }

    @Override
    public long getExpiryWarning() {
        return read(CertificateKeys::getExpiryWarning, 0L);
    }

    @Override
    public void setExpiryWarning(long days) {
        keys().setExpiryWarning(days);
    }
}
