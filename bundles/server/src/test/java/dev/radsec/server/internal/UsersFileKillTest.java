package dev.radsec.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.AtomicFiles;
import dev.radsec.common.KillLoop;
import dev.radsec.server.UsersFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of users file writes, again and again (see {@link UsersFileWriter}): after every
 * kill the users file is exactly one version, parsed by the server's parser, never older than before, and mode 0600
 * like its temporary files; every demo users file the server created is whole (or, for the one being created, not
 * there yet) and the next start completes it. 10 kills in the build; {@code -Datomic.kills=1000} for the long run.
 */
class UsersFileKillTest {
    @TempDir
    Path dir;

    private long last;
    private int demos;

    @Test
    void theUsersFileIsTheOldOrTheNewVersionAfterEachKill() throws Exception {
        KillLoop loop = new KillLoop(UsersFileWriter.class, List.of(UsersFileWriter.class, UsersFile.class,
                Dictionary.class, AtomicFiles.class, KillLoop.class, org.slf4j.LoggerFactory.class), dir);
        KillLoop.Figures figures = loop.run(KillLoop.kills(10), 7L, Duration.ofMillis(300), (kill, pid) -> check(loop));
        System.out.println("UsersFileKillTest: " + figures + "; users file version " + last + ", " + demos
                + " demo users files");
        assertTrue(last > 0, "the children wrote");
    }

    private void check(KillLoop loop) throws Exception {
        Path users = dir.resolve(UsersFileWriter.USERS);
        if (Files.exists(users)) {
            long n = UsersFileWriter.version(Files.readString(users, StandardCharsets.UTF_8));
            assertTrue(n >= last, "the users file went back from v" + last + " to v" + n);
            last = n;
            assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(users));
        }
        int latest = UsersFileWriter.highestDemo(dir);
        for (int i = demos; i <= latest; i++) {
            Path demo = dir.resolve("demo-" + i).resolve(UsersFileWriter.USERS);
            if (!Files.exists(demo)) {
                assertEquals(latest, i, demo + " is missing, and it is not the one being created");
                continue;
            }
            assertEquals(DemoUsersFile.TEXT, Files.readString(demo, StandardCharsets.UTF_8), demo + " is whole");
            assertEquals(2, UsersFile.parse(DemoUsersFile.TEXT, Dictionary.standard()).size());
            assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(demo));
            if (i < latest) {
                demos = i + 1; // complete and never written again: checked once
            }
        }
        KillLoop.assertTemporarySecretsOwnerOnly(loop.temporaryFiles(), name -> name.startsWith(".users."));
    }
}
