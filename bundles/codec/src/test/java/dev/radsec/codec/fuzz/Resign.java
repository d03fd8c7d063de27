package dev.radsec.codec.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes a mutated packet's authenticators right again, so that the fuzzer reaches what lies behind them (attribute
 * parsing, hidden attributes) instead of stopping at a bad MD5 every time. Written from RFC 2865 section 3, RFC 2866
 * section 3 and RFC 3579 section 3.2 rather than with the codec, so that a codec bug cannot hide itself here.
 * Inputs whose Length or attribute headers are broken are returned as they are: the decoder must refuse those
 * anyway.
 */
final class Resign {
    private static final int MESSAGE_AUTHENTICATOR = 80;

    private final byte[] secret;
    private final Mac hmac;
    private final MessageDigest md5;

    Resign(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            hmac = Mac.getInstance("HmacMD5");
            hmac.init(new SecretKeySpec(this.secret, "HmacMD5"));
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of the request signed as its code requires: Message-Authenticator (when present) over the packet with
     * its own Request Authenticator (Access-Request, Status-Server) or zeroes (the others), then, for the others, the
     * MD5 Request Authenticator.
     */
    byte[] request(byte[] in) {
        byte[] p = in.clone();
        int length = length(p);
        if (length < 0) {
            return p;
        }
        int code = p[0] & 0xFF;
        boolean random = code == 1 || code == 12;
        byte[] auth = random ? Arrays.copyOfRange(p, 4, 20) : new byte[16];
        signMessageAuthenticator(p, length, auth);
        if (!random) {
            md5Authenticator(p, length, new byte[16]);
        }
        return p;
    }

    /** A copy of the response signed for a request with {@code requestAuthenticator}. */
    byte[] response(byte[] in, byte[] requestAuthenticator) {
        byte[] p = in.clone();
        int length = length(p);
        if (length < 0) {
            return p;
        }
        signMessageAuthenticator(p, length, requestAuthenticator);
        md5Authenticator(p, length, requestAuthenticator);
        return p;
    }

    /** The packet's Length when it and every attribute header hold together, else -1. */
    private static int length(byte[] p) {
        if (p.length < 20) {
            return -1;
        }
        int length = (p[2] & 0xFF) << 8 | (p[3] & 0xFF);
        if (length < 20 || length > p.length) {
            return -1;
        }
        for (int at = 20; at < length; at += p[at + 1] & 0xFF) {
            if (at + 2 > length || (p[at + 1] & 0xFF) < 2) {
                return -1;
            }
        }
        return length;
    }

    private void signMessageAuthenticator(byte[] p, int length, byte[] authenticator) {
        int ma = -1;
        for (int at = 20; at + 2 <= length && (p[at + 1] & 0xFF) >= 2; at += p[at + 1] & 0xFF) {
            if ((p[at] & 0xFF) == MESSAGE_AUTHENTICATOR && (p[at + 1] & 0xFF) == 18 && at + 18 <= length) {
                ma = at;
                break;
            }
        }
        if (ma < 0) {
            return;
        }
        byte[] saved = Arrays.copyOfRange(p, 4, 20);
        System.arraycopy(authenticator, 0, p, 4, 16);
        Arrays.fill(p, ma + 2, ma + 18, (byte) 0);
        hmac.update(p, 0, length);
        System.arraycopy(hmac.doFinal(), 0, p, ma + 2, 16);
        System.arraycopy(saved, 0, p, 4, 16);
    }

    private void md5Authenticator(byte[] p, int length, byte[] authenticator) {
        MessageDigest md = md5;
        md.update(p, 0, 4);
        md.update(authenticator);
        md.update(p, 20, length - 20);
        md.update(secret);
        System.arraycopy(md.digest(), 0, p, 4, 16);
    }
}
