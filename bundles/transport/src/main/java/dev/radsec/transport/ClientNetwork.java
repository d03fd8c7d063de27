package dev.radsec.transport;

import java.util.Objects;

/**
 * One configured client network of a listener: a CIDR and the shared secret of the NAS devices in it. What a relay
 * needs to send a NAS a CoA or Disconnect request. {@link #toString()} never shows the secret.
 *
 * @param cidr   as configured, e.g. {@code 10.0.0.0/8}
 * @param secret the shared secret of the NAS devices in it
 */
public record ClientNetwork(String cidr, String secret) {
    public ClientNetwork {
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return cidr + " (secret ******)";
    }
}
