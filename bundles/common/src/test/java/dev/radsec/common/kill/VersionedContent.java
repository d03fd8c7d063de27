package dev.radsec.common.kill;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Self-checking file contents: version {@code n} of a kind of file is a function of {@code n} alone, so a reader
 * takes the version from the first line and compares every byte with what that version must be. A torn or mixed
 * file does not match any version.
 */
public final class VersionedContent {
    private VersionedContent() {
    }

    /** Version {@code n} of {@code kind}: a header naming both, then 0.5 to 128 KiB depending on {@code n}. */
    public static byte[] bytes(String kind, long n) {
        int length = 512 + (int) ((n * 7919) % (128 * 1024));
        byte[] header = (kind + " v" + n + " length " + length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(header, header.length + length);
        // A block of letters that depends on kind and n, repeated: cheap, so the child spends its time writing.
        byte[] block = new byte[4096];
        Random random = new Random(kind.hashCode() * 1_000_003L + n);
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + random.nextInt(26));
        }
        for (int i = header.length; i < out.length; i += block.length) {
            System.arraycopy(block, 0, out, i, Math.min(block.length, out.length - i));
        }
        return out;
    }

    /**
     * The version a file of {@code kind} holds.
     *
     * @throws AssertionError when it is not exactly one version's bytes
     */
    public static long version(String kind, byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 80), StandardCharsets.US_ASCII);
        String prefix = kind + " v";
        int end = text.indexOf(' ', prefix.length());
        if (!text.startsWith(prefix) || end < 0) {
            throw new AssertionError(kind + ": not a version header: " + text.lines().findFirst().orElse(""));
        }
        long n = Long.parseLong(text.substring(prefix.length(), end));
        if (!Arrays.equals(bytes(kind, n), content)) {
            throw new AssertionError(kind + " v" + n + ": torn, " + content.length + " bytes, not "
                    + bytes(kind, n).length + " or not these");
        }
        return n;
    }

    /** Version {@code n} of a cfg file's properties: the version and a payload whose length depends on it. */
    public static Map<String, String> properties(long n) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", Long.toString(n));
        String payload = new String(bytes("payload", n), StandardCharsets.US_ASCII);
        p.put("payload", payload.substring(0, Math.min(payload.length(), 100 + (int) (n % 4000))));
        p.put("end", "v" + n);
        return p;
    }
}
