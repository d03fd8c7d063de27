package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-or-nothing writes: content, permissions, exclusive creation, leftovers of killed writers. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writeReplacesWithExactlyThePermissionsAskedForAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("anchor.pem");
        AtomicFiles.write(f, "first".getBytes(), AtomicFiles.READABLE);
        AtomicFiles.write(f, "second".getBytes(), AtomicFiles.READABLE);
        assertEquals("second", Files.readString(f));
        assertEquals("rw-r--r--", mode(f));
        AtomicFiles.write(f, "third".getBytes(), AtomicFiles.OWNER_ONLY);
        assertEquals("rw-------", mode(f));
        assertEquals(List.of("anchor.pem"), names());
    }

    @Test
    void writeWithoutPermissionsKeepsThoseOfTheFileItReplaces() throws Exception {
        Path f = dir.resolve("dev.radsec.pki.psk-ap.cfg");
        Files.writeString(f, "key = old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "key = new\n".getBytes());
        assertEquals("key = new\n", Files.readString(f));
        assertEquals("rw-r-----", mode(f));
    }

    @Test
    void writingThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("shared")).resolve("users");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("users"), real);
        AtomicFiles.write(link, "new".getBytes(), AtomicFiles.OWNER_ONLY);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals("rw-------", mode(real));
    }

    @Test
    void createTakesOnlyAFreeNameAndLeavesAnExistingFileAsItIs() throws Exception {
        Path key = dir.resolve("server.key");
        AtomicFiles.create(key, "secret".getBytes(), AtomicFiles.OWNER_ONLY);
        assertEquals("rw-------", mode(key));
        assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.create(key, "other".getBytes(), AtomicFiles.OWNER_ONLY));
        assertArrayEquals("secret".getBytes(), Files.readAllBytes(key));
        assertEquals(List.of("server.key"), names(), "no temporary file, no second link");
    }

    @Test
    void aFailedReplacementKeepsTheOldFileAndRemovesItsTemporaryFile() throws Exception {
        Path f = dir.resolve("anchor.pem");
        AtomicFiles.write(f, "old".getBytes(), AtomicFiles.READABLE);
        Path occupied = dir.resolve("occupied");
        Files.createDirectories(occupied.resolve("not-empty"));
        // a non-empty directory cannot be replaced by a file: the rename fails after the temporary file was written
        assertThrows(IOException.class, () -> AtomicFiles.write(occupied, "new".getBytes(), AtomicFiles.READABLE));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("anchor.pem", "occupied"), names());
    }

    @Test
    void leftoversOfAProcessThatIsGoneAreRemovedByTheNextWriteInTheirDirectoryAndALiveOnesAreNot() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = dir.resolve(".ca.key." + gone.pid() + "-0123abcd-0123456789ab.tmp");
        Path deadOther = dir.resolve(".server.key." + gone.pid() + "-0123abcd-ba9876543210.tmp");
        Path live = dir.resolve(".ca.key.1-0123abcd-0123456789ab.tmp"); // pid 1 runs as long as the machine does
        Files.writeString(dead, "half a key");
        Files.writeString(deadOther, "half another key");
        Files.writeString(live, "being written");
        assertTrue(AtomicFiles.isTemporary(dead));
        assertTrue(AtomicFiles.isTemporary(live));

        AtomicFiles.write(dir.resolve("ca.key"), "key".getBytes(), AtomicFiles.OWNER_ONLY);
        assertEquals(List.of(live.getFileName().toString(), "ca.key"), names());
    }

    @Test
    void onlyOurTemporaryNamesAreTemporary() {
        assertFalse(AtomicFiles.isTemporary(Path.of("ca.key")));
        assertFalse(AtomicFiles.isTemporary(Path.of("dev.radsec.relay-a.cfg.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of(".hidden.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("x.pem.12-0123abcd-0123456789ab.tmp")));
        assertTrue(AtomicFiles.isTemporary(Path.of(".x.pem.12-0123abcd-0123456789ab.tmp")));
    }

    @Test
    void deleteSaysWhetherThereWasAFile() throws Exception {
        Path f = dir.resolve("gone.pem");
        Files.writeString(f, "x");
        assertTrue(AtomicFiles.delete(f));
        assertFalse(Files.exists(f));
        assertFalse(AtomicFiles.delete(f));
    }

    @Test
    void moveRenamesKeepingContentAndPermissions() throws Exception {
        Path key = dir.resolve("server.key");
        AtomicFiles.create(key, "secret".getBytes(), AtomicFiles.OWNER_ONLY);
        Path aside = dir.resolve("server.key.interrupted");
        AtomicFiles.move(key, aside);
        assertEquals(List.of("server.key.interrupted"), names());
        assertEquals("secret", Files.readString(aside));
        assertEquals("rw-------", mode(aside));
    }

    @Test
    void createDirectoriesGivesTheLastOneItsPermissions() throws Exception {
        Path ca = dir.resolve("a/b/ca");
        AtomicFiles.createDirectories(ca, AtomicFiles.PRIVATE_DIRECTORY);
        assertEquals("rwx------", mode(ca));
        assertTrue(Files.getPosixFilePermissions(dir.resolve("a/b")).size() > 3, "parents get the default");
        AtomicFiles.createDirectories(ca, AtomicFiles.PRIVATE_DIRECTORY); // exists: fine
    }
}
