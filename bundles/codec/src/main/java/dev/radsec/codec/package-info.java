/**
 * RADIUS codec: packets, attributes, dictionaries and the cryptography that binds them to a shared secret.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>{@link dev.radsec.codec.RadiusPacket} is an immutable packet: code, Identifier, Authenticator and an
 *       ordered list of logical {@link dev.radsec.codec.Attribute}s. Logical means that the wire's containers are
 *       unfolded: each vendor sub-attribute of a Vendor-Specific attribute, each RFC 6929 extended attribute, a
 *       long-extended attribute reassembled from its fragments, and a {@code concat} attribute (EAP-Message)
 *       joined from its 253-octet chunks are one attribute each.</li>
 *   <li>Attribute values are held in clear. Hiding (User-Password, Tunnel-Password, Ascend secret) is applied
 *       by {@link dev.radsec.codec.PacketCodec} when encoding and removed when decoding, so a proxy re-signs a
 *       packet for another secret by decoding it with one secret and encoding it with another.</li>
 *   <li>{@link dev.radsec.codec.Dictionary} gives names, types and flags, read from files in FreeRADIUS's
 *       dictionary format. {@link dev.radsec.codec.Dictionary#standard()} holds the IETF attributes.</li>
 * </ul>
 *
 * <h2>Security</h2>
 * {@link dev.radsec.codec.PacketCodec} puts a Message-Authenticator first in every Access-Request, Status-Server
 * and response to them (BlastRADIUS hardening, draft-ietf-radext-deprecating-radius), computes Request and
 * Response Authenticators per RFC 2865, 2866 and 5176, and verifies all of them with constant-time comparison.
 *
 * <h2>Errors</h2>
 * Decoding throws only the checked {@link dev.radsec.codec.RadiusDecodeException}, which names the offset and the
 * reason. Building a packet with a value that does not fit its attribute throws {@link IllegalArgumentException}
 * naming the attribute.
 *
 * <p>The package is plain Java: it needs no OSGi framework at run time.
 */
@Export
@Version("0.4.0")
package dev.radsec.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
