package dev.radsec.codec.internal;

import dev.radsec.codec.Dictionary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A dictionary file on disk or a bundled resource; {@code $INCLUDE}s resolve relative to it. */
abstract class DictionarySource {

    /** How errors name it: the path as given, or {@code classpath:<resource>}. */
    abstract String name();

    /** Identifies it whatever the spelling of its path, for {@code $INCLUDE} loop detection. */
    abstract String key();

    abstract boolean exists();

    abstract BufferedReader open() throws IOException;

    /** The file {@code $INCLUDE relative} names from this one. */
    abstract DictionarySource resolve(String relative);

    /** The file read, for {@link Dictionary#files()}; null for the bundled resources. */
    Path path() {
        return null;
    }

    static DictionarySource file(Path path) {
        return new DictionarySource() {
            @Override
            String name() {
                return path.toString();
            }

            @Override
            String key() {
                return path.toAbsolutePath().normalize().toString();
            }

            @Override
            Path path() {
                return path.toAbsolutePath().normalize();
            }

            @Override
            boolean exists() {
                return Files.isRegularFile(path);
            }

            @Override
            BufferedReader open() throws IOException {
                return Files.newBufferedReader(path, StandardCharsets.UTF_8);
            }

            @Override
            DictionarySource resolve(String relative) {
                Path p = Path.of(relative);
                return file(p.isAbsolute() ? p : path.resolveSibling(relative));
            }
        };
    }

    static DictionarySource resource(String resourcePath) {
        return new DictionarySource() {
            @Override
            String name() {
                return "classpath:" + resourcePath;
            }

            @Override
            String key() {
                return name();
            }

            @Override
            boolean exists() {
                return DictionarySource.class.getClassLoader().getResource(resourcePath) != null;
            }

            @Override
            BufferedReader open() throws IOException {
                InputStream in = DictionarySource.class.getClassLoader().getResourceAsStream(resourcePath);
                if (in == null) {
                    throw new IOException("no such resource");
                }
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }

            @Override
            DictionarySource resolve(String relative) {
                int slash = resourcePath.lastIndexOf('/');
                return resource(resourcePath.substring(0, slash + 1) + relative);
            }
        };
    }
}
