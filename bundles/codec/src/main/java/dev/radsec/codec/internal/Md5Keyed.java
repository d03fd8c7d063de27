package dev.radsec.codec.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The MD5 computations RADIUS keys with a shared secret: HMAC-MD5 (RFC 2104) for Message-Authenticator, and
 * MD5(prefix || secret) / MD5(secret || suffix) for authenticators and attribute hiding.
 *
 * <p>Digests are per thread and reused, one per role (plain, HMAC inner, HMAC outer, secret first): a relay
 * computes about ten MD5s per request, and a fresh or cloned {@code MessageDigest} each time was the largest
 * allocation on its path (five objects per clone). The price is hashing the HMAC pads again on every call (two MD5
 * blocks, compressed by the JVM's intrinsic). A digest handed out is this thread's: finish it with {@code digest}
 * before asking for one of the same role again. Instances are immutable and thread-safe.
 */
public final class Md5Keyed {
    private static final int BLOCK = 64;
    private static final int PLAIN = 0;
    private static final int INNER = 1;
    private static final int OUTER = 2;
    private static final int SECRET_FIRST = 3;
    private static final ThreadLocal<MessageDigest[]> DIGESTS = ThreadLocal.withInitial(
            () -> new MessageDigest[] {lookupMd5(), lookupMd5(), lookupMd5(), lookupMd5()});

    private final byte[] secret;
    private final byte[] innerPad;
    private final byte[] outerPad;

    public Md5Keyed(byte[] secret) {
        this.secret = secret.clone();
        byte[] key = this.secret.length > BLOCK ? lookupMd5().digest(this.secret) : this.secret;
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < key.length; i++) {
            innerPad[i] ^= key[i];
            outerPad[i] ^= key[i];
        }
    }

    private static MessageDigest lookupMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    private static MessageDigest digest(int role) {
        MessageDigest md = DIGESTS.get()[role];
        md.reset(); // in case a caller failed half-way through its last use
        return md;
    }

    /** This thread's plain MD5 digest, reset. */
    public static MessageDigest threadMd5() {
        return digest(PLAIN);
    }

    public int secretLength() {
        return secret.length;
    }

    /** This thread's HMAC digest, already fed the inner pad; continue with {@link #finishHmac}. */
    public MessageDigest startHmac() {
        MessageDigest inner = digest(INNER);
        inner.update(innerPad);
        return inner;
    }

    /** Completes an HMAC started with {@link #startHmac()}, writing 16 octets to {@code out} at {@code off}. */
    public void finishHmac(MessageDigest inner, byte[] out, int off) {
        digestInto(inner, out, off); // the inner hash, read below before the HMAC overwrites it
        MessageDigest outer = digest(OUTER);
        outer.update(outerPad);
        outer.update(out, off, 16);
        digestInto(outer, out, off);
    }

    /** This thread's digest already fed the secret: MD5(secret || ...), used by User-Password and Tunnel-Password hiding. */
    public MessageDigest startSecretFirst() {
        MessageDigest md = digest(SECRET_FIRST);
        md.update(secret);
        return md;
    }

    /** Feeds the secret into a digest: MD5(... || secret), used by computed authenticators. */
    public void appendSecret(MessageDigest md) {
        md.update(secret);
    }

    /** Constant-time comparison of two 16-octet regions. */
    public static boolean equals16(byte[] a, int aOff, byte[] b, int bOff) {
        int diff = 0;
        for (int i = 0; i < 16; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }

    public static void digestInto(MessageDigest md, byte[] out, int off) {
        try {
            md.digest(out, off, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("MD5 output always fits 16 octets", e);
        }
    }
}
