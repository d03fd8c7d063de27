package dev.radsec.codec.internal;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Hiding of attribute values with the shared secret: User-Password (RFC 2865 section 5.2), Tunnel-Password
 * (RFC 2868 section 3.5, also used by MS-MPPE keys) and the Ascend secret ({@code encrypt=3}).
 * {@code authenticator} is the Request Authenticator of the request the attribute belongs to or answers.
 */
final class AttributeCipher {
    private static final int BLOCK = 16;
    /** RFC 2865 section 5.2: passwords up to 128 octets. */
    static final int MAX_USER_PASSWORD = 128;

    private AttributeCipher() {
    }

    static byte[] hideUserPassword(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff) {
        if (len > MAX_USER_PASSWORD) {
            throw new IllegalArgumentException("a password of " + len + " octets exceeds " + MAX_USER_PASSWORD);
        }
        int padded = Math.max(BLOCK, (len + BLOCK - 1) / BLOCK * BLOCK);
        byte[] out = new byte[padded];
        System.arraycopy(b, off, out, 0, len);
        xorChain(out, 0, padded, key, authenticator, authOff, null, 0);
        return out;
    }

    /** @return the password without its zero padding, or {@code null} when the length is not a valid cipher length */
    static byte[] revealUserPassword(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff) {
        if (len < BLOCK || len > MAX_USER_PASSWORD || len % BLOCK != 0) {
            return null;
        }
        byte[] out = Arrays.copyOfRange(b, off, off + len);
        unxorChain(out, 0, len, key, authenticator, authOff, null, 0);
        int end = len;
        while (end > 0 && out[end - 1] == 0) {
            end--;
        }
        return end == len ? out : Arrays.copyOf(out, end);
    }

    /** @return salt (2 octets, high bit set) followed by the hidden length-prefixed value */
    static byte[] hideTunnelPassword(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff,
                                     byte[] salt) {
        int padded = (len + 1 + BLOCK - 1) / BLOCK * BLOCK;
        byte[] out = new byte[2 + padded];
        out[0] = (byte) (salt[0] | 0x80);
        out[1] = salt[1];
        out[2] = (byte) len;
        System.arraycopy(b, off, out, 3, len);
        xorChain(out, 2, padded, key, authenticator, authOff, out, 0);
        return out;
    }

    /** @param b salt then cipher text; @return the value, or {@code null} when malformed */
    static byte[] revealTunnelPassword(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff) {
        int cipherLen = len - 2;
        if (cipherLen < BLOCK || cipherLen % BLOCK != 0) {
            return null;
        }
        byte[] plain = Arrays.copyOfRange(b, off + 2, off + len);
        unxorChain(plain, 0, cipherLen, key, authenticator, authOff, b, off);
        int valueLen = plain[0] & 0xFF;
        if (valueLen > cipherLen - 1) {
            return null;
        }
        return Arrays.copyOfRange(plain, 1, 1 + valueLen);
    }

    static byte[] hideAscend(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff) {
        if (len > BLOCK) {
            throw new IllegalArgumentException("an Ascend secret of " + len + " octets exceeds 16");
        }
        byte[] out = new byte[BLOCK];
        System.arraycopy(b, off, out, 0, len);
        byte[] pad = ascendPad(key, authenticator, authOff);
        for (int i = 0; i < BLOCK; i++) {
            out[i] ^= pad[i];
        }
        return out;
    }

    static byte[] revealAscend(byte[] b, int off, int len, Md5Keyed key, byte[] authenticator, int authOff) {
        if (len != BLOCK) {
            return null;
        }
        byte[] out = Arrays.copyOfRange(b, off, off + len);
        byte[] pad = ascendPad(key, authenticator, authOff);
        int end = 0;
        for (int i = 0; i < BLOCK; i++) {
            out[i] ^= pad[i];
            if (out[i] != 0) {
                end = i + 1;
            }
        }
        return Arrays.copyOf(out, end);
    }

    private static byte[] ascendPad(Md5Keyed key, byte[] authenticator, int authOff) {
        MessageDigest md = Md5Keyed.threadMd5();
        md.update(authenticator, authOff, BLOCK);
        key.appendSecret(md);
        return md.digest();
    }

    /** c(1) = p(1) xor MD5(S + A [+ salt]), c(i) = p(i) xor MD5(S + c(i-1)), in place over {@code len} octets. */
    private static void xorChain(byte[] data, int off, int len, Md5Keyed key, byte[] authenticator, int authOff,
                                 byte[] salt, int saltOff) {
        byte[] pad = new byte[BLOCK];
        for (int block = 0; block < len; block += BLOCK) {
            nextPad(pad, key, authenticator, authOff, salt, saltOff, block == 0 ? null : data, off + block - BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                data[off + block + i] ^= pad[i];
            }
        }
    }

    /** Inverse of {@link #xorChain}: each block's pad is keyed by the previous cipher block, kept before it is overwritten. */
    private static void unxorChain(byte[] data, int off, int len, Md5Keyed key, byte[] authenticator, int authOff,
                                   byte[] salt, int saltOff) {
        byte[] pad = new byte[BLOCK];
        byte[] previousCipher = new byte[BLOCK];
        byte[] currentCipher = new byte[BLOCK];
        for (int block = 0; block < len; block += BLOCK) {
            nextPad(pad, key, authenticator, authOff, salt, saltOff, block == 0 ? null : previousCipher, 0);
            System.arraycopy(data, off + block, currentCipher, 0, BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                data[off + block + i] ^= pad[i];
            }
            byte[] t = previousCipher;
            previousCipher = currentCipher;
            currentCipher = t;
        }
    }

    /** The pad of one block: MD5(S + A [+ salt]) for the first ({@code previous} null), MD5(S + previous) after. */
    private static void nextPad(byte[] pad, Md5Keyed key, byte[] authenticator, int authOff, byte[] salt, int saltOff,
                                byte[] previous, int previousOff) {
        MessageDigest md = key.startSecretFirst();
        if (previous == null) {
            md.update(authenticator, authOff, BLOCK);
            if (salt != null) {
                md.update(salt, saltOff, 2);
            }
        } else {
            md.update(previous, previousOff, BLOCK);
        }
        Md5Keyed.digestInto(md, pad, 0);
    }
}
