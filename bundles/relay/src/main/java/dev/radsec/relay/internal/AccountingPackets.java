package dev.radsec.relay.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the accounting spool reads from an Accounting-Request and changes in it. */
final class AccountingPackets {
    /** Acct-Delay-Time is 32 bits unsigned. */
    private static final long MAX_DELAY = 0xFFFFFFFFL;

    private AccountingPackets() {
    }

    /** Acct-Session-Id as octets, one char each (ISO-8859-1); null when absent or empty. */
    static String session(RadiusPacket request) {
        return request.first("Acct-Session-Id").map(Attribute::bytes)
                .filter(b -> b.length > 0).map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse(null);
    }

    /** Acct-Status-Type; -1 when absent. */
    static int statusType(RadiusPacket request) {
        return request.first("Acct-Status-Type").filter(a -> a.length() == 4).map(a -> (int) unsigned(a.bytes()))
                .orElse(-1);
    }

    /** Event-Timestamp in seconds since 1970, as sent; -1 when absent. */
    static long eventTimestamp(RadiusPacket request) {
        return request.first("Event-Timestamp").filter(a -> a.length() == 4).map(a -> unsigned(a.bytes())).orElse(-1L);
    }

    private static long unsigned(byte[] b) {
        return (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL);
    }

    /**
     * The request with Acct-Delay-Time increased by {@code waitedMillis}, rounded to whole seconds (RFC 2866 section
     * 5.2: how long the record has been on its way); as it is when that rounds to 0.
     */
    static RadiusPacket delayed(RadiusPacket request, long waitedMillis) {
        long seconds = Math.max(0, (waitedMillis + 500) / 1000);
        if (seconds == 0) {
            return request;
        }
        Optional<Attribute> delay = request.first("Acct-Delay-Time").filter(a -> a.length() == 4);
        long before = delay.map(a -> unsigned(a.bytes())).orElse(0L);
        return request.toBuilder().set("Acct-Delay-Time", Math.min(MAX_DELAY, before + seconds)).build();
    }

    /** The Accounting-Response for a request the relay has taken: Proxy-State copied back (RFC 2866 section 5.1). */
    static RadiusPacket response(RadiusPacket request) {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCOUNTING_RESPONSE, request.dictionary());
        request.all("Proxy-State").forEach(b::add);
        return b.build();
    }
}
