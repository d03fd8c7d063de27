package dev.radsec.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs users in against the configured RADIUS server (PID {@code dev.radsec.auth}): a destination id, so logins
 * can travel over RadSec, or {@code host}, {@code port} and {@code secret} for plain UDP.
 */
@ProviderType
public interface RadiusLogin {

    /**
     * Sends a PAP Access-Request for {@code username} (trimmed) and waits, at most {@code dial-timeout} plus
     * {@code read-timeout}, for its outcome. Only an Access-Accept logs in. Never throws for what the server or the
     * network does; the result says what happened.
     */
    LoginResult login(String username, String password);
}
