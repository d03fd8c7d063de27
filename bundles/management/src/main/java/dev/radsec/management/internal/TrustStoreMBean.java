package dev.radsec.management.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.management.CrlInfo;
import dev.radsec.management.TrustAnchorInfo;
import dev.radsec.management.TrustStoreMXBean;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.TrustStoreAdmin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link TrustStoreMXBean} of the trust store {@code name}: anchors and CRL status from the PKI's {@link TrustStoreAdmin},
 * its configuration keys through {@link TrustStoreConfigurations}.
 */
public record TrustStoreMBean(String name, TrustStoreAdmin admin, TrustStoreConfigurations configurations)
        implements TrustStoreMXBean {

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<TrustAnchorInfo> getAnchors() {
        return admin.anchors(name).stream().map(TrustAnchorInfo::of).toList();
    }

    @Override
    public TrustAnchorInfo addAnchor(String pem) {
        try {
            return TrustAnchorInfo.of(admin.addAnchor(name, pem));
        } catch (CaException e) {
            // only the message: a remote JMX client cannot load CaException
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public boolean removeAnchor(String fingerprint) {
        try {
            return admin.removeAnchor(name, fingerprint);
        } catch (CaException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ CRL status

    private CrlStatus crls() {
        return admin.crlStatus(name);
    }

    @Override
    public boolean isRevocationChecked() {
        return crls().checked();
    }

    @Override
    public List<CrlInfo> getCrls() {
        return crls().crls().stream().map(CrlInfo::of).toList();
    }

    @Override
    public String getCrlNextUpdate() {
        return crls().crls().stream().map(CrlStatus.Crl::nextUpdate).flatMap(Optional::stream).min(Instant::compareTo)
                .map(Instant::toString).orElse("");
    }

    @Override
    public int getRevokedEntries() {
        return crls().crls().stream().mapToInt(CrlStatus.Crl::revokedEntries).sum();
    }

    @Override
    public String getLastFetchError() {
        return crls().lastFetchError().orElse("");
    }

    @Override
    public String getLoadError() {
        return crls().loadError().orElse("");
    }

    // ------------------------------------------------------------------------------------------------ configuration

    private String stored(String key) {
        Object v = configurations.stored(name).get(key);
        return v == null ? "" : v.toString().trim();
    }

    @Override
    public String[] getCa() {
        return ConfigReader.items(configurations.stored(name).get("ca")).toArray(new String[0]);
    }

    @Override
    public void setCa(String[] ca) {
        configurations.set(name, "ca", join(ca));
    }

    @Override
    public String[] getCrl() {
        return ConfigReader.items(configurations.stored(name).get("crl")).toArray(new String[0]);
    }

    @Override
    public void setCrl(String[] crl) {
        configurations.set(name, "crl", join(crl));
    }

    @Override
    public boolean isCrlDistributionPoints() {
        return Boolean.parseBoolean(stored("crl-distribution-points"));
    }

    @Override
    public void setCrlDistributionPoints(boolean fetch) {
        configurations.set(name, "crl-distribution-points", String.valueOf(fetch));
    }

    @Override
    public String getCheckRevocation() {
        return stored("check-revocation");
    }

    @Override
    public void setCheckRevocation(String mode) {
        configurations.set(name, "check-revocation", mode == null ? null : mode.trim());
    }

    private static String join(String[] items) {
        return items == null ? null : String.join(", ", ConfigReader.items(items));
    }
}
