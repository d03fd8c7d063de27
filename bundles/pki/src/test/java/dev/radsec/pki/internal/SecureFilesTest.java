package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private directories, atomic replacement and durable deletion. */
class SecureFilesTest {

    @TempDir
    Path dir;

    @Test
    void createPrivateDirectory() throws Exception {
        Path d = dir.resolve("a/b/ca");
        SecureFiles.createPrivateDirectory(d);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        SecureFiles.createPrivateDirectory(d); // exists: fine
    }

    @Test
    void replaceAtomicallyLeavesTheNewContentAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("anchor.pem");
        SecureFiles.replaceAtomically(f, "first".getBytes(), false);
        SecureFiles.replaceAtomically(f, "second".getBytes(), false);
        assertEquals("second", Files.readString(f));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        SecureFiles.replaceAtomically(f, "third".getBytes(), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.collect(Collectors.toList()));
        }
    }

    @Test
    void aFailedReplacementKeepsTheOldFileAndRemovesItsTemporaryFile() throws Exception {
        Path f = dir.resolve("anchor.pem");
        SecureFiles.replaceAtomically(f, "old".getBytes(), false);
        Path occupied = dir.resolve("occupied");
        Files.createDirectories(occupied.resolve("not-empty"));
        // a non-empty directory cannot be replaced by a file: the move fails after the temporary file was written
        assertThrows(IOException.class, () -> SecureFiles.replaceAtomically(occupied, "new".getBytes(), false));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("anchor.pem", "occupied"), files.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void deleteSaysWhetherThereWasAFile() throws Exception {
        Path f = dir.resolve("gone.pem");
        Files.writeString(f, "x");
        assertTrue(SecureFiles.delete(f));
        assertFalse(Files.exists(f));
        assertFalse(SecureFiles.delete(f));
    }
}
