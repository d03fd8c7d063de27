package dev.radsec.server.internal;

import dev.radsec.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * The users file the embedded server starts with when there is none: the demo users alice and bob. Written whole or
 * not at all ({@link AtomicFiles#create}), mode 0600 since it holds cleartext passwords, and never over a file that
 * exists, even one that appears meanwhile.
 */
final class DemoUsersFile {
    static final String TEXT = String.join("\n",
            "# Users of the embedded demo server (feature radsec-server), FreeRADIUS-like:",
            "#   name Cleartext-Password := \"password\", then indented reply attributes separated by commas.",
            "# Edits apply at the next request.",
            "alice   Cleartext-Password := \"alice-pw\"",
            "        Reply-Message = \"Hello, alice\",",
            "        Session-Timeout = 3600",
            "bob     Cleartext-Password := \"bob-pw\"",
            "        Reply-Message = \"Hello, bob\"",
            "");

    private DemoUsersFile() {
    }

    /** Writes the demo users as {@code file} (and its missing directories) unless it exists; says whether it did. */
    static boolean createIfMissing(Path file) throws IOException {
        AtomicFiles.createDirectories(file.toAbsolutePath().getParent(), null);
        try {
            AtomicFiles.create(file, TEXT.getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }
}
