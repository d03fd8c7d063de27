package dev.radsec.transport;

import java.util.Objects;

/**
 * One configured client network of a listener: a CIDR and the shared secret of the NAS devices in it. What a relay
 * needs to send a NAS a CoA or Disconnect request. {@link #toString()} never shows the secret.
 */
public final class ClientNetwork {
    private final String cidr;
    private final String secret;

    public ClientNetwork(String cidr, String secret) {
        this.cidr = Objects.requireNonNull(cidr, "cidr");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** As configured, e.g. {@code 10.0.0.0/8}. */
    public String cidr() {
        return cidr;
    }

    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return cidr + " (secret ******)";
    }
}
