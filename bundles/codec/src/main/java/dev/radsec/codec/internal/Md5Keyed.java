package dev.radsec.codec.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The MD5 computations RADIUS keys with a shared secret: HMAC-MD5 (RFC 2104) for Message-Authenticator, and
 * MD5(prefix || secret) / MD5(secret || suffix) for authenticators and attribute hiding.
 *
 * <p>Why not {@code javax.crypto.Mac}: the JDK's HMAC hashes the 64-octet inner and outer pads on every call.
 * Here the digest states after the pads are computed once per secret and cloned per call, which saves two of
 * the five MD5 blocks a typical Access-Request costs. Instances are immutable and thread-safe.
 */
public final class Md5Keyed {
    private static final int BLOCK = 64;

    private final byte[] secret;
    private final MessageDigest innerPadded;
    private final MessageDigest outerPadded;
    private final MessageDigest secretPrefixed;

    public Md5Keyed(byte[] secret) {
        this.secret = secret.clone();
        byte[] key = this.secret.length > BLOCK ? lookupMd5().digest(this.secret) : this.secret;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        Arrays.fill(ipad, (byte) 0x36);
        Arrays.fill(opad, (byte) 0x5c);
        for (int i = 0; i < key.length; i++) {
            ipad[i] ^= key[i];
            opad[i] ^= key[i];
        }
        innerPadded = newMd5();
        innerPadded.update(ipad);
        outerPadded = newMd5();
        outerPadded.update(opad);
        secretPrefixed = newMd5();
        secretPrefixed.update(this.secret);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
    }

    /** Cloning a prototype skips the provider lookup {@code getInstance} does on every call. */
    private static final MessageDigest MD5_PROTOTYPE = lookupMd5();

    private static MessageDigest lookupMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    /** A fresh MD5 digest. */
    public static MessageDigest newMd5() {
        return copy(MD5_PROTOTYPE);
    }

    public int secretLength() {
        return secret.length;
    }

    /** A digest already fed the HMAC inner pad; continue with {@link #finishHmac}. */
    public MessageDigest startHmac() {
        return copy(innerPadded);
    }

    /** Completes an HMAC started with {@link #startHmac()}, writing 16 octets to {@code out} at {@code off}. */
    public void finishHmac(MessageDigest inner, byte[] out, int off) {
        byte[] innerHash = inner.digest();
        MessageDigest outer = copy(outerPadded);
        outer.update(innerHash);
        digestInto(outer, out, off);
    }

    /** A digest already fed the secret: MD5(secret || ...), used by User-Password and Tunnel-Password hiding. */
    public MessageDigest startSecretFirst() {
        return copy(secretPrefixed);
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

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's MD5 is cloneable; a provider that is not would break every RADIUS operation.
            throw new IllegalStateException("MD5 implementation is not cloneable", e);
        }
    }
}
