package dev.radsec.codec;

import dev.radsec.codec.internal.Md5Keyed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * CHAP (RFC 1994) as RADIUS carries it (RFC 2865 sections 2.2, 5.3 and 5.40): CHAP-Password is the CHAP
 * Identifier followed by MD5(Identifier || password || challenge), where the challenge is CHAP-Challenge when
 * present and the Request Authenticator otherwise.
 */
public final class Chap {
    private Chap() {
    }

    /** The 17-octet CHAP-Password value. */
    public static byte[] password(int chapIdentifier, String password, byte[] challenge) {
        byte[] response = new byte[17];
        response[0] = (byte) chapIdentifier;
        System.arraycopy(digest(chapIdentifier, password, challenge), 0, response, 1, 16);
        return response;
    }

    /**
     * Checks a request's CHAP-Password against the clear-text password, in constant time.
     *
     * @return false when the request has no well-formed CHAP-Password or it does not match
     */
    public static boolean verify(RadiusPacket request, String password) {
        AttributeDefinition chapPassword = request.dictionary().attribute(3);
        byte[] value = request.first(chapPassword).map(Attribute::bytes).orElse(null);
        if (value == null || value.length != 17) {
            return false;
        }
        byte[] challenge = request.dictionary().attribute("CHAP-Challenge")
                .flatMap(request::first).map(Attribute::bytes).orElse(request.authenticator());
        byte[] expected = digest(value[0] & 0xFF, password, challenge);
        return Md5Keyed.equals16(expected, 0, value, 1);
    }

    private static byte[] digest(int chapIdentifier, String password, byte[] challenge) {
        MessageDigest md = Md5Keyed.threadMd5();
        md.update((byte) chapIdentifier);
        md.update(password.getBytes(StandardCharsets.UTF_8));
        md.update(challenge);
        return md.digest();
    }
}
