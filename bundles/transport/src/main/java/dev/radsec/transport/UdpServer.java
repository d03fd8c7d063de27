package dev.radsec.transport;

import dev.radsec.codec.RequireMessageAuth;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A plain RADIUS/UDP server named by address rather than by a configured destination, as Vault's {@code host},
 * {@code port} and {@code secret} name one. {@link #toString()} never shows the secret.
 *
 * @param address            where it listens
 * @param secret             the shared secret
 * @param timeout            the wait for an answer to each transmission, whole seconds, 1-300
 * @param retries            retransmissions after the first, 0-10
 * @param requireMessageAuth whether answers to Access-Request must carry Message-Authenticator (BlastRADIUS);
 *                           {@link RequireMessageAuth#AUTO} is what FreeRADIUS 3.2.5 chose
 */
public record UdpServer(InetSocketAddress address, String secret, Duration timeout, int retries,
                        RequireMessageAuth requireMessageAuth) {
    public UdpServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(requireMessageAuth, "requireMessageAuth");
        if (timeout.getSeconds() < 1 || timeout.getSeconds() > 300) {
            throw new IllegalArgumentException("timeout: " + timeout.getSeconds() + " s is outside 1-300");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries: " + retries + " is outside 0-10");
        }
        timeout = Duration.ofSeconds(timeout.getSeconds());
    }

    @Override
    public String toString() {
        return "udp " + address.getAddress().getHostAddress() + ":" + address.getPort() + " (secret ******, timeout "
                + timeout.getSeconds() + " s, retries " + retries + ")";
    }
}
