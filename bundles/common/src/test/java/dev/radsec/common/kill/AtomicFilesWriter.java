package dev.radsec.common.kill;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.CfgFile;
import dev.radsec.common.KillLoop;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The child of {@code AtomicFilesKillTest}: rewrites, until killed, a public file and a secret one with
 * {@link AtomicFiles#write}, a cfg file with {@link CfgFile#write}, and creates one new file each round with
 * {@link AtomicFiles#create}, each as version n, n+1, ... of {@link VersionedContent}.
 */
public final class AtomicFilesWriter {
    static final String BLOB = "blob.bin";
    static final String SECRET = "secret.key";
    static final String CFG = "dev.radsec.kill-test.cfg";
    static final String CREATED = "created";

    private AtomicFilesWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir.resolve(CREATED));
        long n = 1;
        try {
            n = VersionedContent.version("blob", Files.readAllBytes(dir.resolve(BLOB))) + 1;
        } catch (NoSuchFileException first) {
            // the first child
        }
        System.out.println(KillLoop.READY);
        System.out.flush();
        for (; ; n++) {
            AtomicFiles.write(dir.resolve(BLOB), VersionedContent.bytes("blob", n), AtomicFiles.READABLE);
            AtomicFiles.write(dir.resolve(SECRET), VersionedContent.bytes("secret", n), AtomicFiles.OWNER_ONLY);
            CfgFile.write(dir.resolve(CFG), VersionedContent.properties(n));
            try {
                AtomicFiles.create(dir.resolve(CREATED).resolve("entry-" + n), VersionedContent.bytes("entry", n),
                        AtomicFiles.READABLE);
            } catch (FileAlreadyExistsException unexpected) {
                throw new AssertionError("entry-" + n + " exists before it was written", unexpected);
            }
        }
    }
}
