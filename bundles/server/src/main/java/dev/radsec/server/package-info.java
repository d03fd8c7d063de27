/**
 * The embedded demo server (feature {@code radsec-server}): a RadSec listener whose requests are answered from a
 * users file, {@code etc/radsec/users}, in a small FreeRADIUS-like format ({@link dev.radsec.server.UsersFile}).
 * A demo and test fixture: it is off in a plain {@code radsec} install.
 */
@Export
@Version("0.2.0")
package dev.radsec.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
