package dev.radsec.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code etc/<pid>[-<name>].cfg} file of a configuration a bundle creates, written as Karaf's
 * {@code config:edit --alias} does before ConfigAdmin stores it: FileInstall writes later changes back only to a file
 * that exists, so the file comes first and the configuration names it in {@link #FILEINSTALL_FILE}. The text is
 * {@code key = value} lines that FileInstall reads back as the same strings (ISO-8859-1 with
 * {@code java.util.Properties} escapes).
 */
public final class CfgFile {
    /** The property by which FileInstall knows a configuration's file, and writes its changes back to it. */
    public static final String FILEINSTALL_FILE = "felix.fileinstall.filename";

    private CfgFile() {
    }

    /** In Karaf ({@code karaf.etc} set): {@code etc/<name>.cfg}; empty elsewhere (plain Java, unit tests). */
    public static Optional<Path> inEtc(String name) {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? Optional.empty() : Optional.of(Path.of(etc, name + ".cfg"));
    }

    /**
     * Writes {@code properties}, in the map's order, whole, with {@link AtomicFiles#write(Path, byte[])}: a temporary
     * file (never {@code *.cfg}, which FileInstall would read) forced to disk and renamed over {@code file}, so
     * neither FileInstall nor a restart after a crash sees half of it. The file keeps the permissions of the one it
     * replaces.
     */
    public static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(escape(k, true)).append(" = ").append(escape(v, false)).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code java.util.Properties} escaping of a key or a value. */
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
