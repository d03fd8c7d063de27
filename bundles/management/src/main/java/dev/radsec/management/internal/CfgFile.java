package dev.radsec.management.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a new {@code etc/*.cfg} file as Karaf's {@code config:edit --alias} does before ConfigAdmin stores the
 * configuration: {@code key = value} lines that Felix FileInstall reads back as the same strings (ISO-8859-1 with
 * {@code java.util.Properties} escapes, its default). From then on FileInstall writes each change to it.
 */
final class CfgFile {
    private CfgFile() {
    }

    /** Writes {@code file} whole, under a temporary name first: FileInstall never reads it half-written. */
    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(escape(k, true)).append(" = ").append(escape(v, false)).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp"); // FileInstall reads only *.cfg
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
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
