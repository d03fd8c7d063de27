package dev.radsec.common.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.KillLoop;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of {@link AtomicFiles} and {@code CfgFile} writes, again and again: after every kill
 * each file is exactly one version that was written, never part of one, versions never go back, a secret's file and
 * its temporary files are 0600, and a new child reads what the killed one left. 12 kills in the build;
 * {@code -Datomic.kills=1000} for the long run.
 */
class AtomicFilesKillTest {
    @TempDir
    Path dir;

    private final Map<String, Long> last = new HashMap<>();
    private final Set<Path> checkedEntries = new HashSet<>();

    @Test
    void everyFileIsTheOldOrTheNewVersionAfterEachKill() throws Exception {
        KillLoop loop = new KillLoop(AtomicFilesWriter.class,
                List.of(AtomicFilesWriter.class, AtomicFiles.class, org.slf4j.LoggerFactory.class), dir);
        KillLoop.Figures figures = loop.run(KillLoop.kills(12), 19L, Duration.ofMillis(300),
                (kill, pid) -> check(loop));
        System.out.println("AtomicFilesKillTest: " + figures);
        assertTrue(last.getOrDefault("blob", 0L) > 0, "the children wrote");
    }

    private void check(KillLoop loop) throws Exception {
        if (!Files.exists(dir.resolve(AtomicFilesWriter.BLOB))) {
            return; // killed before its first write
        }
        long blob = versionOf("blob", dir.resolve(AtomicFilesWriter.BLOB));
        long secret = 0;
        if (Files.exists(dir.resolve(AtomicFilesWriter.SECRET))) {
            secret = versionOf("secret", dir.resolve(AtomicFilesWriter.SECRET));
            assertEquals(AtomicFiles.OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve(AtomicFilesWriter.SECRET)));
        }
        long cfg = 0;
        Path cfgFile = dir.resolve(AtomicFilesWriter.CFG);
        if (Files.exists(cfgFile)) {
            Properties read = new Properties();
            try (Reader r = Files.newBufferedReader(cfgFile, StandardCharsets.ISO_8859_1)) {
                read.load(r);
            }
            cfg = Long.parseLong(read.getProperty("version"));
            assertEquals(VersionedContent.properties(cfg), toMap(read), "the cfg file is version " + cfg + " whole");
            assertTrue(cfg >= last.getOrDefault("cfg", 0L), "the cfg file went back");
            last.put("cfg", cfg);
        }
        // written in this order each round: blob, secret, cfg
        assertTrue(secret <= blob && cfg <= secret, "blob v" + blob + ", secret v" + secret + ", cfg v" + cfg);
        try (Stream<Path> entries = Files.list(dir.resolve(AtomicFilesWriter.CREATED))) {
            for (Path entry : entries.filter(p -> !AtomicFiles.isTemporary(p)).toList()) {
                if (checkedEntries.add(entry)) { // created once, never changed: checked once
                    long n = VersionedContent.version("entry", Files.readAllBytes(entry));
                    assertEquals("entry-" + n, entry.getFileName().toString());
                }
            }
        }
        KillLoop.assertTemporarySecretsOwnerOnly(loop.temporaryFiles(), name -> name.startsWith(".secret.key."));
    }

    private long versionOf(String kind, Path file) throws Exception {
        long n = VersionedContent.version(kind, Files.readAllBytes(file));
        assertTrue(n >= last.getOrDefault(kind, 0L), kind + " went back from v" + last.get(kind) + " to v" + n);
        last.put(kind, n);
        return n;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String k : List.of("version", "payload", "end")) {
            m.put(k, p.getProperty(k));
        }
        assertEquals(3, p.size(), "exactly the keys written");
        return m;
    }
}
