/**
 * The relay between NAS devices and RADIUS servers (PID {@code dev.radsec.relay}): RADIUS/UDP from NAS devices to
 * RadSec destinations, or RadSec from access points to UDP servers; CoA and Disconnect requests from servers taken
 * to the NAS that owns the session; and the incoming CoA/Disconnect listener ({@link dev.radsec.relay.IncomingListener}).
 * Its counters are published as the transport's {@code RelayMonitor} service. It uses only the transport's exported
 * API: {@code RadiusServer} for its listeners, {@code RadiusClient} to forward, and the
 * {@code DynamicRequestHandler} whiteboard for requests servers send over our connections.
 *
 * <p>Relay policy: rewrites (factory PID {@code dev.radsec.rewrite}, one {@code etc/dev.radsec.rewrite-<name>.cfg}
 * each) remove, add, set and modify attributes of the packets a relay passes on, named by a relay's
 * {@code rewrite-in}, {@code rewrite-out} and {@code realm-rewrites} and by a destination's {@code rewrite-in} and
 * {@code rewrite-out}. {@link dev.radsec.relay.RewriteMonitor} shows what each did.
 */
@Export
@Version("0.2.0")
package dev.radsec.relay;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
