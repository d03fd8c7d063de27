package dev.radsec.relay.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.util.List;
import java.util.Optional;

/**
 * The key a {@code keyed} relay hashes: the values of the {@code balance-key} attributes an Access-Request carries,
 * one after another (every round of an EAP conversation carries the same Calling-Station-Id, Called-Station-Id and
 * User-Name); for an Accounting-Request, its Acct-Session-Id, so Start, Interim-Update and Stop of a session reach
 * one server. Values are copied into a per-thread buffer and hashed there: nothing is allocated per request.
 */
final class BalanceKey {
    /** What {@link #hash} answers for a request with none of the key's attributes. */
    static final long NONE = 0;
    /** RFC 2866 section 5.5. */
    static final String ACCT_SESSION_ID = "Acct-Session-Id";
    /** The values of one packet's attributes fit in one packet. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[RadiusPacket.MAX_LENGTH]);

    private final List<String> names;
    /** The names resolved in the dictionary packets last came with; resolved again when it is reloaded. */
    private volatile Resolved resolved;

    private record Resolved(Dictionary dictionary, AttributeDefinition[] access, AttributeDefinition[] accounting) {
    }

    /** @param names attribute names, as in the dictionary */
    BalanceKey(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * The hash of the request's key, or {@link #NONE} when it carries none of the key's attributes (a real key that
     * hashes to 0 is taken as 1, which only moves it to the next point of the ring).
     */
    long hash(RadiusPacket request) {
        Resolved r = resolve(request.dictionary());
        byte[] buffer = BUFFER.get();
        int length = -1;
        if (request.code() == PacketCode.ACCOUNTING_REQUEST) {
            length = append(request, r.accounting, buffer);
        }
        if (length < 0) {
            length = append(request, r.access, buffer);
        }
        if (length < 0) {
            return NONE;
        }
        long h = KeyHash.hash(buffer, 0, length);
        return h == NONE ? 1 : h;
    }

    /** Copies the values of those of {@code attributes} the request has; -1 when it has none of them. */
    private static int append(RadiusPacket request, AttributeDefinition[] attributes, byte[] buffer) {
        int length = -1;
        for (AttributeDefinition d : attributes) {
            Optional<Attribute> a = request.first(d);
            if (a.isPresent()) {
                int at = Math.max(length, 0);
                int n = a.get().length();
                if (at + n > buffer.length) {
                    break; // cannot happen within one packet; the key is what fitted
                }
                a.get().copyBytesTo(buffer, at);
                length = at + n;
            }
        }
        return length;
    }

    private Resolved resolve(Dictionary dictionary) {
        Resolved r = resolved;
        if (r == null || r.dictionary != dictionary) {
            // a name the dictionary no longer has is left out: the key is made of the others
            AttributeDefinition[] access = names.stream().map(dictionary::attribute).flatMap(Optional::stream)
                    .toArray(AttributeDefinition[]::new);
            AttributeDefinition[] accounting = dictionary.attribute(ACCT_SESSION_ID).stream()
                    .toArray(AttributeDefinition[]::new);
            r = new Resolved(dictionary, access, accounting);
            resolved = r;
        }
        return r;
    }
}
