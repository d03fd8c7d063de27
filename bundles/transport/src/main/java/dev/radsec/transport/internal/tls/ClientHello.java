package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a listener that takes both certificates and pre-shared keys reads from a client's first record to choose
 * its engine: the TLS 1.2 suites offered, and the TLS 1.3 PSK identities offered ({@code pre_shared_key},
 * RFC 8446 section 4.2.11). Only the first record is read. A ClientHello longer than one record (16 KB) is read as far
 * as it goes; a record that is no ClientHello at all parses as {@link #NONE}, and the certificate engine then fails
 * it as it fails any garbage.
 *
 * @param tls12Psk   whether any TLS 1.2 PSK suite is offered
 * @param identities the TLS 1.3 PSK identities offered, as sent
 */
record ClientHello(boolean tls12Psk, List<byte[]> identities) {
    static final ClientHello NONE = new ClientHello(false, List.of());
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int PRE_SHARED_KEY = 41;

    /** Parses the record at {@code record}'s position without moving it. */
    static ClientHello parse(ByteBuffer record) {
        ByteBuffer b = record.duplicate();
        try {
            if ((b.get() & 0xFF) != HANDSHAKE) {
                return NONE;
            }
            b.position(b.position() + 2);
            int length = b.getShort() & 0xFFFF;
            b.limit(Math.min(b.limit(), b.position() + length));
            if ((b.get() & 0xFF) != CLIENT_HELLO) {
                return NONE;
            }
            b.position(b.position() + 3 + 2 + 32); // handshake length, client_version, random
            skip(b, b.get() & 0xFF); // session_id
            int suitesLength = b.getShort() & 0xFFFF;
            boolean psk = false;
            for (int i = 0; i + 1 < suitesLength && b.remaining() >= 2; i += 2) {
                psk |= PskSuites.isTls12Psk(b.getShort() & 0xFFFF);
            }
            if (!b.hasRemaining()) {
                return new ClientHello(psk, List.of());
            }
            skip(b, b.get() & 0xFF); // compression methods
            int extensionsEnd = b.position() + 2 + (b.getShort() & 0xFFFF);
            List<byte[]> identities = new ArrayList<>(1);
            while (b.position() + 4 <= Math.min(extensionsEnd, b.limit())) {
                int type = b.getShort() & 0xFFFF;
                int size = b.getShort() & 0xFFFF;
                if (type == PRE_SHARED_KEY && b.remaining() >= size) {
                    ByteBuffer ext = b.slice(b.position(), size);
                    int listEnd = 2 + (ext.getShort() & 0xFFFF);
                    while (ext.position() + 2 <= Math.min(listEnd, ext.limit())) {
                        byte[] id = new byte[ext.getShort() & 0xFFFF];
                        ext.get(id);
                        ext.getInt(); // obfuscated_ticket_age
                        identities.add(id);
                    }
                }
                skip(b, size);
            }
            return new ClientHello(psk, identities);
        } catch (RuntimeException truncated) { // past the record's end: what was read so far stands
            return NONE;
        }
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(Math.min(b.limit(), b.position() + n));
    }
}
