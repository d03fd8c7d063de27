package dev.radsec.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of a trust store, one {@code etc/dev.radsec.pki.trust-<name>.cfg} each. */
@ObjectClassDefinition(id = "dev.radsec.pki.trust", name = "RadSec trust store",
        description = "CA certificates and CRLs that RadSec peers are validated against, by name (tls-trust). "
                + "Paths are relative to Karaf's etc directory unless absolute.")
@interface TrustConfig {
    @AttributeDefinition(required = false, description = "The name destinations give as tls-trust.")
    String name() default "default";

    @AttributeDefinition(cardinality = 100, description = "PEM files, or directories of them, holding CA certificates "
            + "(basicConstraints cA=true).")
    String[] ca();

    @AttributeDefinition(cardinality = 100, required = false, description = "CRL files (PEM or DER).")
    String[] crl();

    @AttributeDefinition(name = "crl-distribution-points", required = false,
            description = "Also fetch CRLs over HTTP from the cRLDistributionPoints of the certificates checked; "
                    + "cached until their nextUpdate and fetched again hourly.")
    boolean crl$_$distribution$_$points() default false;

    @AttributeDefinition(name = "check-revocation", required = false,
            description = "crl: every certificate of a peer's chain must be covered by a current CRL and not be "
                    + "listed; none: no revocation check. Default: crl when CRLs or crl-distribution-points are configured, else none.",
            options = {@Option(value = "crl"), @Option(value = "none")})
    String check$_$revocation();
}
