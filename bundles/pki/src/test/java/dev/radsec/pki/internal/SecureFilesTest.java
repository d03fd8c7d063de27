package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private directories. */
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
}
