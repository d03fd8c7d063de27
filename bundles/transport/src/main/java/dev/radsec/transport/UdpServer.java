package dev.radsec.transport;

import dev.radsec.codec.RequireMessageAuth;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A plain RADIUS/UDP server named by address rather than by a configured destination, as Vault's {@code host},
 * {@code port} and {@code secret} name one. Immutable; {@link #toString()} never shows the secret.
 */
public final class UdpServer {
    private final InetSocketAddress address;
    private final String secret;
    private final Duration timeout;
    private final int retries;
    private final RequireMessageAuth requireMessageAuth;

    /**
     * @param timeout                      the wait for an answer to each transmission, whole seconds, 1-300
     * @param retries                      retransmissions after the first, 0-10
     * @param requireMessageAuth  whether answers to Access-Request must carry Message-Authenticator
     *                            (BlastRADIUS); {@link RequireMessageAuth#AUTO} is what FreeRADIUS 3.2.5 chose
     */
    public UdpServer(InetSocketAddress address, String secret, Duration timeout, int retries,
                     RequireMessageAuth requireMessageAuth) {
        this.address = Objects.requireNonNull(address, "address");
        this.secret = Objects.requireNonNull(secret, "secret");
        if (timeout.getSeconds() < 1 || timeout.getSeconds() > 300) {
            throw new IllegalArgumentException("timeout: " + timeout.getSeconds() + " s is outside 1-300");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries: " + retries + " is outside 0-10");
        }
        this.timeout = Duration.ofSeconds(timeout.getSeconds());
        this.retries = retries;
        this.requireMessageAuth = Objects.requireNonNull(requireMessageAuth, "requireMessageAuth");
    }

    public InetSocketAddress address() {
        return address;
    }

    public String secret() {
        return secret;
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    public RequireMessageAuth requireMessageAuth() {
        return requireMessageAuth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UdpServer)) {
            return false;
        }
        UdpServer u = (UdpServer) o;
        return address.equals(u.address) && secret.equals(u.secret) && timeout.equals(u.timeout)
                && retries == u.retries && requireMessageAuth == u.requireMessageAuth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, secret, timeout, retries, requireMessageAuth);
    }

    @Override
    public String toString() {
        return "udp " + address.getAddress().getHostAddress() + ":" + address.getPort() + " (secret ******, timeout "
                + timeout.getSeconds() + " s, retries " + retries + ")";
    }
}
