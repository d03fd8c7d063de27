package dev.radsec.pki;

import java.util.Optional;

/**
 * What can be shown about a pre-shared key: never the key itself.
 *
 * @param name      the configuration's name
 * @param identity  the PSK identity; empty when the name is not configured
 * @param version   the TLS version it is used with; empty when the name is not configured
 * @param available whether the key can be used now
 * @param problem   why it cannot (not configured, key file missing or unreadable, invalid key file), when it cannot
 */
public record PskStatus(String name, Optional<String> identity, Optional<PreSharedKey.TlsVersion> version,
        boolean available, Optional<String> problem) {
}
