package dev.radsec.pki.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Path;

/**
 * Writes a new {@code etc/*.cfg} file as Karaf's {@code config:edit --alias} does before ConfigAdmin stores the
 * configuration: {@code key = value} lines that Felix FileInstall reads back as the same strings (ISO-8859-1 with
 * {@code java.util.Properties} escapes). FileInstall writes later changes back only to a file that exists, so a
 * configuration the PKI creates gets its file first.
 */
final class CfgFile {
    private CfgFile() {
    }

    /** Writes {@code file} whole and atomically: FileInstall never reads it half-written. */
    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(escape(k, true)).append(" = ").append(escape(v, false)).append('\n'));
        SecureFiles.replaceAtomically(file, text.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }

    static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                default -> {
                    if ((key && (c == '=' || c == ':' || c == ' ')) || (i == 0 && (c == ' ' || c == '#' || c == '!'))) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c > 0xff) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
