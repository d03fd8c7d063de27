package dev.radsec.management.internal;

import dev.radsec.management.CertificateMXBean;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** {@link CertificateMXBean} of the certificate {@code name}, over the PKI's {@link CredentialService}. */
public record CertificateMBean(String name, CredentialService pki, Clock clock) implements CertificateMXBean {

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
}
