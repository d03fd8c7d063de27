/**
 * "Is this user allowed in, and with which policies?" answered by a RADIUS server, the way HashiCorp Vault's radius
 * auth method answers it, over plain UDP or a RadSec destination.
 *
 * <p>{@link dev.radsec.auth.RadiusLogin} sends a PAP Access-Request (with Message-Authenticator) and turns the
 * outcome into a {@link dev.radsec.auth.LoginResult}: the user's policies from its mapping
 * ({@link dev.radsec.auth.UserMappings}, factory PID {@code dev.radsec.auth.user}) or the configured
 * {@code unregistered-user-policies}, plus {@code default}. Every failure is typed; none throws, and no password
 * is ever logged. The bundle also offers the Karaf JAAS realm {@code radsec}, whose roles come from the policies.
 */
@Export
@Version("0.3.0")
package dev.radsec.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
