/**
 * RADIUS over UDP and RadSec (RADIUS over TLS, RFC 6614) on Apache MINA.
 *
 * <p>{@link dev.radsec.transport.RadiusClient} sends requests to configured destinations (factory PID
 * {@code dev.radsec.destination}). Every request ends in exactly one way: its response, or a
 * {@link dev.radsec.transport.RadiusTransportException} saying why not (timeout, destination unavailable, queue
 * full). A RadSec destination keeps one persistent mutual-TLS connection carrying up to 256 requests at a time,
 * and opens further connections when its Identifiers run out. {@link dev.radsec.transport.DestinationKeys} defines
 * the keys of a destination configuration.
 */
@Export
@Version("0.8.0")
package dev.radsec.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
