package dev.radsec.management.internal;

/**
 * The settings of a {@code dev.radsec.pki.certificate} configuration as getters and setters, answered by a
 * {@link ConfiguredMBean}: what {@link CertificateMBean} hands the configuration attributes of
 * {@link dev.radsec.management.CertificateMXBean} to, so they read and write exactly as every other configured MBean's.
 */
interface CertificateKeys {
    String getCertificate();

    void setCertificate(String certificate);

    String getPrivateKey();

    void setPrivateKey(String privateKey);

    String getPassword();

    void setPassword(String password);

    long getRetryInterval();

    void setRetryInterval(long seconds);

    long getExpiryWarning();

    void setExpiryWarning(long days);
}
