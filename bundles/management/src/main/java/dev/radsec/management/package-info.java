/**
 * Management of the RadSec stack over JMX: one MXBean per destination, relay, listener, local certificate, and the
 * incoming CoA/Disconnect listener, under the domain {@code dev.radsec} (see {@link dev.radsec.management.ObjectNames});
 * and {@link dev.radsec.management.DestinationsMXBean}, {@link dev.radsec.management.RelaysMXBean} and
 * {@link dev.radsec.management.ListenersMXBean}, which create and remove them, each in its own cfg file in
 * {@code etc/}.
 *
 * <p>Every attribute and operation uses JMX open types only, so JConsole or any remote client reads them without
 * classes of this bundle. Configuration attributes are writable: a write goes through ConfigAdmin exactly like an
 * edit of the cfg file in {@code etc/} (and is persisted there), and is validated first, by the bundle that runs the
 * configuration, exactly as the file is (its {@code dev.radsec.common.ConfigurationValidator}); an invalid value
 * fails with an {@link java.lang.IllegalArgumentException} naming the key and the reason, and the running
 * configuration stays. Karaf's JMX ACL ({@code etc/jmx.acl.dev.radsec.cfg}) decides who may write and invoke.
 * Secrets and private keys are never shown: a secret reads as {@code ******}. State changes are pushed too, as JMX
 * notifications from these MBeans and as EventAdmin events: see {@link dev.radsec.management.Notifications}.
 */
@Export
@Version("0.6.0")
package dev.radsec.management;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
