package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackAsTheSameStrings() throws Exception {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("clients", "10.0.0.0/8 secret-a, ::1/128");
        written.put("awkward key=:", " #leading, back\\slash, tab\t, line\nbreak, é, €");
        written.put("empty", "");
        Path file = dir.resolve("dev.radsec.relay-walk.cfg");
        Files.writeString(file, "old = content\n");

        CfgFile.write(file, written);

        Properties read = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            read.load(r);
        }
        assertEquals(written, Map.copyOf(read.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> (String) e.getKey(), e -> (String) e.getValue()))));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file left");
        }
    }
}
