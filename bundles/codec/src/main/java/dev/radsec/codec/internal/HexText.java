package dev.radsec.codec.internal;

import java.nio.charset.StandardCharsets;

/** Octets as hex text: FreeRADIUS's {@code 0x...} form and the separated forms of MAC addresses and interface ids. */
final class HexText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexText() {
    }

    /** {@code 0x0a0b} as its octets; any other text as UTF-8. */
    static byte[] hexOrText(String s) {
        if (s.startsWith("0x")) {
            String h = s.substring(2);
            if (h.length() % 2 != 0) {
                throw new IllegalArgumentException("odd number of hex digits in '" + s + "'");
            }
            byte[] out = new byte[h.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(h.charAt(2 * i), 16);
                int lo = Character.digit(h.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("'" + s + "' is not hex");
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code octets} octets in groups of {@code groupOctets}, e.g. {@code 02:00:00:00:00:01}. */
    static byte[] parseSeparated(String s, int octets, char sep, int groupOctets) {
        String digits = s.replace(String.valueOf(sep), "");
        if (digits.length() != octets * 2 || s.length() != digits.length() + (octets / groupOctets) - 1) {
            throw new IllegalArgumentException("'" + s + "' is not " + octets + " hex octets separated by '" + sep + "'");
        }
        return hexOrText("0x" + digits);
    }

    /** {@code 0x} and two lower-case digits an octet. */
    static String hex(byte[] b, int off, int len) {
        char[] c = new char[2 + 2 * len];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < len; i++) {
            c[2 + 2 * i] = HEX[(b[off + i] >> 4) & 0xF];
            c[3 + 2 * i] = HEX[b[off + i] & 0xF];
        }
        return new String(c);
    }

    /** Two lower-case digits an octet, {@code sep} after every {@code group} octets. */
    static String separated(byte[] b, int off, int len, int group, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0 && i % group == 0) {
                sb.append(sep);
            }
            sb.append(HEX[(b[off + i] >> 4) & 0xF]).append(HEX[b[off + i] & 0xF]);
        }
        return sb.toString();
    }
}
