package dev.radsec.transport.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.util.Optional;

/**
 * MikroTik's {@code domain}: an MS-CHAP Access-Request (one that carries MS-CHAP-Challenge, RFC 2548 vendor 311
 * attribute 11) whose User-Name has no backslash goes to the destination as DOMAIN, backslash, user. Applied per
 * destination when a request is encoded for it (failover may pick another destination, with another domain or none),
 * on a copy: the caller's packet is never changed, and the Message-Authenticator is computed over the rewritten one.
 */
final class WindowsDomain {
    static final int MICROSOFT = 311;
    static final int MS_CHAP_CHALLENGE = 11;
    private static final int USER_NAME = 1;

    private WindowsDomain() {
    }

    /** {@code request} as it goes to a destination with {@code domain} (null: none); the same packet when unchanged. */
    static RadiusPacket apply(String domain, RadiusPacket request) {
        if (domain == null || request.code() != PacketCode.ACCESS_REQUEST) {
            return request;
        }
        Optional<AttributeDefinition> challenge = request.dictionary().vendorAttribute(MICROSOFT, MS_CHAP_CHALLENGE);
        if (challenge.isEmpty() || request.first(challenge.get()).isEmpty()) {
            return request;
        }
        AttributeDefinition userName = request.dictionary().attribute(USER_NAME);
        String name = request.first(userName).map(a -> a.asString()).orElse(null);
        if (name == null || name.indexOf('\\') >= 0) {
            return request;
        }
        return request.toBuilder().set(userName.name(), domain + "\\" + name).build();
    }
}
