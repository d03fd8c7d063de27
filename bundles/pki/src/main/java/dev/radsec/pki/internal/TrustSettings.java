package dev.radsec.pki.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The validated configuration of one trust store (factory PID {@code dev.radsec.pki.trust}). */
final class TrustSettings extends NamedSettings {
    final List<Path> ca;
    final List<Path> crl;
    final boolean checkRevocation;
    /** Also fetch CRLs from the HTTP cRLDistributionPoints of the certificates checked. */
    final boolean fetchDistributionPoints;

    private TrustSettings(String name, List<Path> ca, List<Path> crl, boolean checkRevocation,
                          boolean fetchDistributionPoints, List<String> unknownKeys) {
        super(name, unknownKeys);
        this.ca = List.copyOf(ca);
        this.crl = List.copyOf(crl);
        this.checkRevocation = checkRevocation;
        this.fetchDistributionPoints = fetchDistributionPoints;
    }

    static TrustSettings parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        String name = v.instanceName("dev.radsec.pki.trust", dev.radsec.pki.CredentialService.DEFAULT_TRUST);
        List<Path> ca = new ArrayList<>();
        for (String s : v.list("ca")) {
            ca.add(ConfigReader.path(base, s));
        }
        if (ca.isEmpty()) {
            throw new InvalidConfigurationException("ca", "is required: PEM files or directories of CA certificates");
        }
        List<Path> crl = new ArrayList<>();
        for (String s : v.list("crl")) {
            crl.add(ConfigReader.path(base, s));
        }
        boolean fetch = v.bool("crl-distribution-points", false);
        boolean haveCrls = !crl.isEmpty() || fetch;
        String mode = v.string("check-revocation", haveCrls ? "crl" : "none").toLowerCase(Locale.ROOT);
        boolean check;
        switch (mode) {
            case "crl":
                check = true;
                if (!haveCrls) {
                    throw new InvalidConfigurationException("check-revocation",
                            "'crl' needs CRL files in 'crl' or crl-distribution-points = true");
                }
                break;
            case "none":
                check = false;
                break;
            default:
                throw new InvalidConfigurationException("check-revocation", "'" + mode + "' is neither crl nor none");
        }
        return new TrustSettings(name, ca, crl, check, fetch, v.unknownKeys());
    }

    /** The configured CA and CRL files and directories. */
    @Override
    List<Path> watchedPaths() {
        List<Path> all = new ArrayList<>(ca);
        all.addAll(crl);
        return all;
    }

    @Override
    public String toString() {
        return "trust " + name + " (ca " + ca + ", crl " + crl + ", check-revocation " + (checkRevocation ? "crl" : "none")
                + (fetchDistributionPoints ? ", crl-distribution-points" : "") + ")";
    }
}
