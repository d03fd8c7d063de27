package dev.radsec.transport;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCodec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one dictionary every bundle decodes and builds packets with (OSGi service): the bundled one (the RFCs,
 * RFC 2548's Microsoft attributes) and, when PID {@code dev.radsec.dictionary} sets {@code path}, an operator's
 * FreeRADIUS dictionary tree on top, e.g. Debian's {@code /usr/share/freeradius/dictionary}. Vendor attributes it
 * defines are then understood by the transport, the relay, the server, logins and {@code radsec:test}, and those
 * it marks encrypted are revealed and hidden again per hop.
 *
 * <p>Reloaded when {@code path} changes or a file it read changes. A file that does not load is refused with its
 * name and line, and the last good dictionary stays in effect. Callers ask for {@link #current()} or
 * {@link #codec()} per packet rather than keeping one, so a reload takes effect at once.
 */
@ProviderType
public interface RadiusDictionary {

    /** The dictionary in effect now. */
    Dictionary current();

    /** A codec for {@link #current()}. */
    PacketCodec codec();

    /** A dictionary that never changes, for plain-Java use and tests. */
    static RadiusDictionary of(Dictionary dictionary) {
        PacketCodec codec = new PacketCodec(dictionary);
        return new RadiusDictionary() {
            @Override
            public Dictionary current() {
                return dictionary;
            }

            @Override
            public PacketCodec codec() {
                return codec;
            }
        };
    }
}
