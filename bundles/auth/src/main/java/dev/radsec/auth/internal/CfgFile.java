package dev.radsec.auth.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code etc/<name>.cfg} file of a configuration this bundle creates, written as Karaf's {@code config:edit}
 * does for a new one: the file first, then the configuration naming it ({@link #FILEINSTALL_FILE}), after which
 * fileinstall keeps the two in step (it writes later changes back, comments kept).
 */
final class CfgFile {
    /** Karaf's fileinstall writes a configuration carrying this property back to the file it names. */
    static final String FILEINSTALL_FILE = "felix.fileinstall.filename";

    private CfgFile() {
    }

    /** In Karaf ({@code karaf.etc} set): {@code etc/<name>.cfg}; empty elsewhere (plain Java, unit tests). */
    static Optional<Path> inEtc(String name) {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? Optional.empty() : Optional.of(Path.of(etc, name + ".cfg"));
    }

    /**
     * Writes {@code properties} (strings, in the map's order) in one step, a temporary file renamed, so fileinstall
     * never reads half of it.
     */
    static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append(" = ").append(escape(value)).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Properties-file escaping for a value. */
    private static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if ("\\=:#!".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }
}
