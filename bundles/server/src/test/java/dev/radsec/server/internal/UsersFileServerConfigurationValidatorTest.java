package dev.radsec.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev.radsec.server} is refused, with the key, where the embedded server would answer from nothing. */
class UsersFileServerConfigurationValidatorTest {
    @TempDir
    Path etc;

    private UsersFileServerConfigurationValidator validator() {
        return new UsersFileServerConfigurationValidator(RadiusDictionary.of(Dictionary.standard()), etc);
    }

    @Test
    void aMissingUsersFileIsMadeLaterAndAGoodOneAccepted() throws Exception {
        validator().validate(Map.of("users", "radsec/users", "listener", "server"));
        Files.writeString(etc.resolve("users"), DemoUsersFile.TEXT);
        validator().validate(Map.of("users", "users", "listener", "demo"));
        validator().validate(Map.of());
    }

    @Test
    void aDirectoryABrokenFileOrAListenerWithSpacesIsRefused() throws Exception {
        Files.createDirectories(etc.resolve("radsec"));
        assertEquals("users: 'radsec' is a directory, not a users file", refused(Map.of("users", "radsec")).getMessage());
        Files.writeString(etc.resolve("broken"), "alice Cleartext-Password := \"a\"\n        No-Such-Attribute = 1\n");
        InvalidConfigurationException broken = refused(Map.of("users", "broken"));
        assertEquals("users", broken.key());
        assertTrue(broken.getMessage().contains("line 2"), broken.getMessage());
        assertEquals("listener", refused(Map.of("listener", "two words")).key());
    }

    private InvalidConfigurationException refused(Map<String, ?> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> validator().validate(properties));
    }
}
