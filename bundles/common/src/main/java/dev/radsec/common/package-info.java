/**
 * Plumbing every RadSec bundle shares, so that each notion is written once:
 * <ul>
 *   <li>{@link dev.radsec.common.ConfigReader}: typed, validated reads of a ConfigAdmin configuration, the name
 *       Karaf gives a factory instance, and the keys nothing read (typos);</li>
 *   <li>{@link dev.radsec.common.ConfigKey} and {@link dev.radsec.common.ConfigTable}: each key of a kind of
 *       configuration defined once (documentation, default, range or choices, reconnect, secret), driving parsing,
 *       the effective view ({@link dev.radsec.common.Config}) and which changes need a new connection;</li>
 *   <li>{@link dev.radsec.common.InvalidConfigurationException}: the one way a configuration is refused, naming the
 *       key, the value, the reason and what is allowed;</li>
 *   <li>{@link dev.radsec.common.Scheduler}: work and timers measured on a clock, so tests move time instead of
 *       sleeping (its manual double is in this bundle's test-jar).</li>
 *   <li>{@link dev.radsec.common.FileWatcher}: tells when files change (inotify, no polling), so credentials and
 *       dictionaries reload without a restart.</li>
 *   <li>{@link dev.radsec.common.CfgFile}: the {@code etc/*.cfg} file of a configuration a bundle creates, written
 *       first and whole, as Karaf's {@code config:edit} does, so FileInstall keeps it in step afterwards;</li>
 *   <li>{@link dev.radsec.common.AtomicFiles}: every file a bundle writes itself (keys, certificates, CRLs, the CA's
 *       records, the users file), written whole or not at all: temporary file, forced to disk, renamed, directory
 *       forced, with its final permissions from the start;</li>
 *   <li>{@link dev.radsec.common.ConfigurationValidator}: a bundle's check of its own PIDs, so a write from JMX or
 *       the shell is refused before it is stored, with the same message a bad cfg file gets.</li>
 * </ul>
 * An exported bundle rather than code embedded in each: the types appear in the signatures of several bundles'
 * plain-Java constructors and in their tests, and one copy means one behaviour.
 */
@Export
@Version("0.6.0")
package dev.radsec.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
