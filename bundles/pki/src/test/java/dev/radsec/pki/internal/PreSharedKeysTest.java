package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ManualScheduler;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKey.TlsVersion;
import dev.radsec.pki.PskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Named TLS pre-shared keys ({@code dev.radsec.pki.psk}) through the registry, with a clock and a file watcher the
 * test moves: nothing here sleeps. Everything logged during a test is captured, and no test may log a key.
 */
class PreSharedKeysTest {
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final String K1 = "00112233445566778899aabbccddeeff";
    private static final String K2 = "f0e1d2c3b4a5968778695a4b3c2d1e0f1f2e3d4c5b6a7988";
    private static final String SHORT = "00112233445566778899aabbccddee"; // 15 octets
    /** Every key text a test configures or writes: none may appear in a log line, message or status. */
    private static final List<String> SECRETS = List.of(K1, K2, SHORT, "ab".repeat(16), "00".repeat(32),
            "0123456789abcdef0123456789abcdeg", K1 + "0");

    @TempDir
    Path etc;
    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final ManualFileWatcher watcher = new ManualFileWatcher();
    private CredentialRegistry registry;
    private PrintStream err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        registry = new CredentialRegistry(scheduler, watcher, etc);
        Files.createDirectories(etc.resolve("radsec"));
        // slf4j-simple writes to System.err as it is at each line.
        err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void noKeyWasLogged() {
        System.setErr(err);
        String printed = logged();
        err.print(printed);
        assertNoKeyIn(printed);
    }

    private String logged() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Log lines containing {@code fragment}. */
    private long logLines(String fragment) {
        return logged().lines().filter(l -> l.contains(fragment)).count();
    }

    private static void assertNoKeyIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String secret : SECRETS) {
            assertFalse(lower.contains(secret), "a key shown: " + text);
            assertFalse(lower.contains(secret.substring(0, 16)), "half a key shown: " + text);
        }
    }

    private static Map<String, Object> psk(String name, String identity, String... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (name != null) {
            p.put("name", name);
        }
        if (identity != null) {
            p.put("identity", identity);
        }
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    private InvalidConfigurationException refused(String pid, Map<String, Object> p) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> registry.pskConfigured(pid, p));
        assertNoKeyIn(e.getMessage());
        return e;
    }

    private void assertRefused(String key, String reason, Map<String, Object> p) {
        InvalidConfigurationException e = refused("pid-refused", p);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(Optional.empty(), registry.key(p.getOrDefault("name", "x").toString()), "nothing configured");
    }

    private byte[] keyOf(String name) {
        return registry.key(name).orElseThrow(() -> new AssertionError(registry.status(name).toString())).key();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private Path keyFile(String content) throws Exception {
        Path file = etc.resolve("radsec/branch.hex");
        Files.writeString(file, content);
        return file;
    }

    // ---------------------------------------------------------------- valid keys

    @Test
    void anInlineKeyIsAvailableByNameWithItsIdentityAndVersion() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "branch.example.org", "key", K1));
        PreSharedKey k = registry.key("branch").orElseThrow();
        assertEquals("branch", k.name());
        assertEquals("branch.example.org", k.identity());
        assertEquals(TlsVersion.TLS_1_3, k.version(), "the default");
        assertArrayEquals(hex(K1), k.key());
        PskStatus s = new PskStatus("branch", Optional.of("branch.example.org"), Optional.of(TlsVersion.TLS_1_3), true,
                Optional.empty());
        assertEquals(s, registry.status("branch"));
        assertEquals(List.of(s), registry.statuses());
        assertEquals(0, scheduler.pending(), "nothing to retry");
        assertEquals(1, logLines("Pre-shared key 'branch' available"));

        assertEquals(Optional.empty(), registry.key("other"));
        PskStatus unknown = registry.status("other");
        assertFalse(unknown.available());
        assertEquals(Optional.empty(), unknown.identity());
        assertEquals(Optional.empty(), unknown.version());
        assertTrue(unknown.problem().orElseThrow().contains("'other'"), unknown.toString());
    }

    @Test
    void hexIsReadInEitherCaseWithWhitespaceIgnored() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "id", "key", " 00112233 44556677\t8899AABB CCDDEEFF "));
        assertArrayEquals(hex(K1), keyOf("branch"));
    }

    @Test
    void theNameIsTheSuffixOfTheFileUnlessGivenAndNeededOtherwise() throws Exception {
        Map<String, Object> p = psk(null, "id", "key", K1);
        p.put("felix.fileinstall.filename", "file:" + etc.resolve("dev.radsec.pki.psk-branch.cfg"));
        registry.pskConfigured("dev.radsec.pki.psk.1", p);
        assertArrayEquals(hex(K1), keyOf("branch"));
        assertRefused("name", "etc/dev.radsec.pki.psk-<name>.cfg", psk(null, "other", "key", K2));
    }

    @Test
    void aKeyFileIsReadAndARotationOnDiskIsUsedOnceTheWatcherFires() throws Exception {
        Path file = keyFile("  " + K1 + "\n");
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex"));
        assertArrayEquals(hex(K1), keyOf("branch"));
        assertTrue(registry.status("branch").available());
        assertEquals(0, scheduler.pending(), "no retry while the file is good");

        keyFile(K2.substring(0, 30) + "\n" + K2.substring(30) + "\n"); // as xxd -p wraps it
        assertArrayEquals(hex(K1), keyOf("branch"), "not before the watcher tells");
        watcher.changed(file);
        watcher.changed(file);
        assertArrayEquals(hex(K1), keyOf("branch"), "coalesced: not before the reload delay");
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertArrayEquals(hex(K2), keyOf("branch"), "the next lookup has the new key");
        assertEquals(1, logLines("Pre-shared key 'branch' changed"));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void anAbsoluteKeyFileIsUsedAsItIs(@TempDir Path elsewhere) throws Exception {
        Path file = Files.writeString(elsewhere.resolve("k.hex"), K1);
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", file.toString()));
        assertArrayEquals(hex(K1), keyOf("branch"));
    }

    @Test
    void aMissingKeyFileIsUnavailableUntilARetryFindsIt() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex"));
        assertEquals(Optional.empty(), registry.key("branch"));
        PskStatus s = registry.status("branch");
        assertFalse(s.available());
        assertEquals(Optional.of("id"), s.identity(), "what is configured is shown");
        assertTrue(s.problem().orElseThrow().contains("branch.hex: does not exist"), s.toString());
        assertEquals(1, scheduler.pending(), "one retry timer, nothing else");

        keyFile(K1 + "\n"); // appears, but the watcher is not told
        scheduler.advance(Duration.ofSeconds(299));
        assertEquals(Optional.empty(), registry.key("branch"), "not before the retry interval");
        scheduler.advance(Duration.ofSeconds(1));
        assertArrayEquals(hex(K1), keyOf("branch"));
        assertEquals(Optional.empty(), registry.status("branch").problem());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aKeyFileCreatedIsPickedUpWhenTheWatcherFiresAndTheRetryIntervalIsConfigurable() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex", "retry-interval", "60"));
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(Optional.empty(), registry.key("branch"));
        assertEquals(1, scheduler.pending(), "retried, and armed again");
        assertEquals(1, logLines("unavailable"), "logged once, not at every retry");
        assertTrue(logged().contains("retrying every 60 s"), logged());

        Path file = keyFile(K1);
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertArrayEquals(hex(K1), keyOf("branch"));
    }

    @Test
    void aKeyFileThatGoesAwayIsLoggedOnceAndAgainWhenItIsBack() throws Exception {
        Path file = keyFile(K1);
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex"));
        Files.delete(file);
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(Optional.empty(), registry.key("branch"), "no longer offered");
        scheduler.advance(Duration.ofSeconds(3 * 300));
        assertEquals(1, logLines("Pre-shared key 'branch' unavailable"));

        keyFile(K1);
        scheduler.advance(Duration.ofSeconds(300));
        assertArrayEquals(hex(K1), keyOf("branch"));
        assertEquals(2, logLines("Pre-shared key 'branch' available"), "at first and when back");
        assertEquals(0, scheduler.pending());
    }

    @Test
    void anInvalidKeyFileIsUnavailableWithTheReasonUntilItIsFixed() throws Exception {
        Path file = keyFile(SHORT + "\n");
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex"));
        String problem = registry.status("branch").problem().orElseThrow();
        assertTrue(problem.contains("branch.hex") && problem.contains("at least 16 octets"), problem);
        assertEquals(Optional.empty(), registry.key("branch"));

        keyFile("ab".repeat(16));
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        problem = registry.status("branch").problem().orElseThrow();
        assertTrue(problem.contains("all one octet value"), problem);

        keyFile("0123456789abcdef0123456789abcdeg");
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        problem = registry.status("branch").problem().orElseThrow();
        assertTrue(problem.contains("not hex"), problem);

        keyFile("\n \n");
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        problem = registry.status("branch").problem().orElseThrow();
        assertTrue(problem.contains("empty"), problem);
        scheduler.advance(Duration.ofSeconds(300));
        assertEquals(4, logLines("Pre-shared key 'branch' unavailable"), "once per problem, not per retry");

        keyFile(K2);
        watcher.changed(file);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertArrayEquals(hex(K2), keyOf("branch"));
        assertNoKeyIn(registry.statuses().toString());
    }

    // ---------------------------------------------------------------- refused configurations

    @Test
    void aShortKeyIsRefused() {
        assertRefused("key", "at least 16 octets", psk("branch", "id", "key", SHORT));
    }

    @Test
    void aKeyOfOneOctetValueIsRefused() {
        assertRefused("key", "all one octet value", psk("branch", "id", "key", "ab".repeat(16)));
        assertRefused("key", "all one octet value", psk("branch", "id", "key", "00".repeat(32)));
    }

    @Test
    void aKeyThatIsNotHexIsRefused() {
        assertRefused("key", "not hex", psk("branch", "id", "key", "0123456789abcdef0123456789abcdeg"));
        assertRefused("key", "odd number of digits", psk("branch", "id", "key", K1 + "0"));
        assertRefused("key", "not hex", psk("branch", "id", "key", "0x" + K1));
        assertRefused("key", "not hex", psk("branch", "id", "key", K1 + "é"));
    }

    @Test
    void bothOrNeitherOfKeyAndKeyFileIsRefused() {
        assertRefused("key", "both", psk("branch", "id", "key", K1, "key-file", "radsec/branch.hex"));
        assertRefused("key", "is required (or key-file", psk("branch", "id"));
        assertRefused("key", "is required (or key-file", psk("branch", "id", "key", "  ", "key-file", " "));
    }

    @Test
    void anIdentityMissingEmptyTooLongOrWithControlCharactersIsRefused() throws Exception {
        assertRefused("identity", "is required", psk("branch", null, "key", K1));
        assertRefused("identity", "is empty", psk("branch", "  ", "key", K1));
        assertRefused("identity", "129 octets of UTF-8, more than the 128 allowed",
                psk("branch", "a".repeat(129), "key", K1));
        assertRefused("identity", "129 octets", psk("branch", "é".repeat(64) + "a", "key", K1));
        for (String control : List.of("\t", "\n", "\u0000", "\u001f", "\u007f")) {
            assertRefused("identity", "control character", psk("branch", "ap" + control + "1", "key", K1));
        }
        assertRefused("identity", "control character", psk("branch", "ap-1\n", "key", K1));
        assertRefused("identity", "not valid Unicode", psk("branch", "ap\ud800", "key", K1));

        registry.pskConfigured("pid-1", psk("branch", "é".repeat(64), "key", K1));
        assertEquals(128, registry.key("branch").orElseThrow().identityBytes().length, "128 octets are allowed");
    }

    @Test
    void anIdentityOfAnotherNameIsRefusedAndFreeOnceThatKeyIsRemoved() throws Exception {
        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K1));
        InvalidConfigurationException e = refused("pid-2", psk("b", "ap-1", "key", K2));
        assertEquals("identity", e.key());
        assertTrue(e.getMessage().contains("'ap-1' is already the identity of pre-shared key 'a'"), e.getMessage());
        assertEquals(Optional.empty(), registry.key("b"));
        assertEquals("name", refused("pid-2", psk("a", "ap-2", "key", K2)).key());

        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K2)); // its own identity is no clash
        assertArrayEquals(hex(K2), keyOf("a"));
        registry.pskRemoved("pid-1");
        registry.pskConfigured("pid-2", psk("b", "ap-1", "key", K1));
        assertArrayEquals(hex(K1), keyOf("b"));
    }

    @Test
    void theTlsVersionIs13By12OrAsConfigured() throws Exception {
        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K1, "tls-version", "1.2"));
        registry.pskConfigured("pid-2", psk("b", "ap-2", "key", K2, "tls-version", "1.3"));
        registry.pskConfigured("pid-3", psk("c", "ap-3", "key", K1));
        assertEquals(TlsVersion.TLS_1_2, registry.key("a").orElseThrow().version());
        assertEquals(TlsVersion.TLS_1_3, registry.key("b").orElseThrow().version());
        assertEquals(TlsVersion.TLS_1_3, registry.key("c").orElseThrow().version());
        assertEquals(Optional.of(TlsVersion.TLS_1_2), registry.status("a").version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1", "1.0", "TLSv1.3", "13", "1.4", "any"})
    void anyOtherTlsVersionIsRefused(String version) {
        assertRefused("tls-version", "is neither 1.3 nor 1.2", psk("a", "ap-1", "key", K1, "tls-version", version));
    }

    @Test
    void aRejectedUpdateKeepsThePreviousRunningKey() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "ap-1", "key", K1));
        registry.pskConfigured("pid-2", psk("other", "ap-2", "key", K2));
        PskStatus running = registry.status("branch");
        refused("pid-1", psk("branch", "ap-1", "key", SHORT));
        refused("pid-1", psk("branch", "ap-1", "key", K2, "tls-version", "1.1"));
        refused("pid-1", psk("branch", "ap-2", "key", K2));
        refused("pid-1", psk("branch", "ap-1", "key", K2, "key-file", "radsec/branch.hex"));
        assertArrayEquals(hex(K1), keyOf("branch"), "still running");
        assertEquals(running, registry.status("branch"));

        registry.pskConfigured("pid-1", psk("branch", "ap-1", "key", K2, "tls-version", "1.2"));
        assertArrayEquals(hex(K2), keyOf("branch"), "a valid update is used by the next lookup");
        assertEquals(TlsVersion.TLS_1_2, registry.key("branch").orElseThrow().version());
    }

    // ---------------------------------------------------------------- lifecycle, secrecy

    @Test
    void aRenamedKeyIsFoundOnlyUnderItsNewName() throws Exception {
        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K1));
        registry.pskConfigured("pid-1", psk("b", "ap-1", "key", K1));
        assertEquals(Optional.empty(), registry.key("a"));
        assertArrayEquals(hex(K1), keyOf("b"));
        assertEquals(List.of("b"), registry.statuses().stream().map(PskStatus::name).toList());
    }

    @Test
    void removingAKeyStopsItsRetriesAndItsWatch() throws Exception {
        registry.pskConfigured("pid-1", psk("branch", "id", "key-file", "radsec/branch.hex"));
        assertEquals(1, scheduler.pending());
        assertEquals(1, watcher.registrations());
        registry.pskRemoved("pid-1");
        assertEquals(Optional.empty(), registry.key("branch"));
        assertFalse(registry.status("branch").available());
        assertEquals(List.of(), registry.statuses());
        assertEquals(0, scheduler.pending());
        assertEquals(0, watcher.registrations());
    }

    @Test
    void keysNeverAppearInToStringStatusOrSettings() throws Exception {
        keyFile(K2);
        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K1));
        registry.pskConfigured("pid-2", psk("b", "ap-2", "key-file", "radsec/branch.hex"));
        String shown = registry.key("a").orElseThrow() + " " + registry.key("b").orElseThrow() + " "
                + registry.statuses() + " " + registry.status("a")
                + " " + PskSettings.parse(psk("a", "ap-1", "key", K1), etc);
        assertTrue(shown.contains("ap-1") && shown.contains("ap-2"), shown);
        assertNoKeyIn(shown);
        assertNoKeyIn(shown.replace(" ", ""));
    }

    @Test
    void equalKeysAreComparedWithoutShowingThem() throws Exception {
        registry.pskConfigured("pid-1", psk("a", "ap-1", "key", K1));
        PreSharedKey k = registry.key("a").orElseThrow();
        assertTrue(k.keyEquals(hex(K1)));
        assertFalse(k.keyEquals(hex(K2)));
        assertEquals(new PreSharedKey("a", "ap-1", TlsVersion.TLS_1_3, hex(K1)), k);
    }
}
