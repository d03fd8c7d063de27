package dev.radsec.pki;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the organisation CA puts into a certificate it issues: subject common name, subjectAltNames (dNSName,
 * iPAddress, NAIRealm), validity, extended key usage and key type. Made with {@link #builder}.
 *
 * @param commonName   the subject's CN; informative only, since peers are matched by subjectAltName
 * @param dnsNames     dNSName subjectAltNames
 * @param ipAddresses  iPAddress subjectAltNames
 * @param naiRealms    NAIRealm subjectAltNames (RFC 7585)
 * @param validity     how long the certificate is valid from issue
 * @param usage        its extended key usage
 * @param keyAlgorithm the type of key the CA generates for it
 */
public record CertificateProfile(String commonName, List<String> dnsNames, List<InetAddress> ipAddresses,
                                 List<String> naiRealms, Duration validity, Usage usage, KeyAlgorithm keyAlgorithm) {

    /** The extended key usages of an issued certificate. */
    public enum Usage {
        /** id-kp-serverAuth: a RadSec server. */
        SERVER,
        /** id-kp-clientAuth: a RadSec client, such as an access point. */
        CLIENT,
        /** Both: a proxy that is client and server. */
        SERVER_AND_CLIENT
    }

    public CertificateProfile {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        naiRealms = List.copyOf(naiRealms);
    }

    /** @param commonName the subject's CN; informative only, since peers are matched by subjectAltName */
    public static Builder builder(String commonName) {
        return new Builder(commonName);
    }

    /** Builds a profile; defaults: one year, {@link Usage#SERVER_AND_CLIENT}, {@link KeyAlgorithm#EC_P256}. */
    public static final class Builder {
        private final String commonName;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<InetAddress> ipAddresses = new ArrayList<>();
        private final List<String> naiRealms = new ArrayList<>();
        private Duration validity = Duration.ofDays(365);
        private Usage usage = Usage.SERVER_AND_CLIENT;
        private KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;

        private Builder(String commonName) {
            if (commonName == null || commonName.isBlank()) {
                throw new IllegalArgumentException("a certificate needs a common name");
            }
            this.commonName = commonName;
        }

        public Builder dnsName(String name) {
            dnsNames.add(Objects.requireNonNull(name));
            return this;
        }

        public Builder ipAddress(InetAddress address) {
            ipAddresses.add(Objects.requireNonNull(address));
            return this;
        }

        /** An NAIRealm subjectAltName (RFC 7585), e.g. {@code example.org}. */
        public Builder naiRealm(String realm) {
            naiRealms.add(Objects.requireNonNull(realm));
            return this;
        }

        public Builder validity(Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive, not " + validity);
            }
            this.validity = validity;
            return this;
        }

        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage);
            return this;
        }

        public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
            this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm);
            return this;
        }

        public CertificateProfile build() {
            return new CertificateProfile(commonName, dnsNames, ipAddresses, naiRealms, validity, usage, keyAlgorithm);
        }
    }
}
