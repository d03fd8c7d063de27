package dev.radsec.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.RevocationReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnumOptionTest {
    @Test
    void namesAConstantAsAnOperatorTypesIt() {
        assertEquals(Optional.of(KeyAlgorithm.EC_P256), EnumOption.parse("--algorithm", "ec-p256", KeyAlgorithm.class));
        assertEquals(Optional.of(RevocationReason.KEY_COMPROMISE),
                EnumOption.parse("--reason", "Key-Compromise", RevocationReason.class));
    }

    @Test
    void anUnknownValueIsRefusedWithTheOptionAndTheChoices() {
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Optional.empty(), EnumOption.parse("--algorithm", "dsa", KeyAlgorithm.class));
        } finally {
            System.setErr(err);
        }
        assertEquals("--algorithm: 'dsa' is none of ec-p256, rsa-2048, rsa-3072",
                printed.toString(StandardCharsets.UTF_8).strip());
    }
}
