package dev.radsec.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.codec.fuzz.FuzzTarget;
import dev.radsec.server.UsersFile;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The users file parser ({@link UsersFile#parse}) on any file: only its documented
 * {@link IllegalArgumentException}, naming the line ({@code line N: ...}), may come out. A file that parses keeps
 * its promise that "a bad file is refused with its line number rather than failing a login": every user it holds
 * gets an Access-Accept with its reply attributes that encodes, as the embedded server answers (unless the
 * attributes together pass 4096 octets). Seeds: users files in the subset's format, and FreeRADIUS items it
 * refuses ({@code fuzz/users-file}). (The auth bundle reads no users file: its user mappings are ConfigAdmin
 * configurations.)
 */
class UsersFileFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 5_000;
    private static final FuzzTarget TARGET = new FuzzTarget("users-file", RUNS);
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("users-file-fuzz");
    private static final RadiusPacket REQUEST = request();
    private static final Pattern LINE = Pattern.compile("line [1-9][0-9]*: .*", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\\s+");

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void parseUsersFile(byte[] input) {
        TARGET.ran();
        // As the server reads it (Files.readString refuses malformed UTF-8 before the parser sees it).
        String text = new String(input, StandardCharsets.UTF_8);
        UsersFile users;
        try {
            users = UsersFile.parse(text, DICT);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || !LINE.matcher(e.getMessage()).matches()) {
                throw new AssertionError("refused without naming the line: " + e.getMessage(), e);
            }
            return;
        }
        users.size();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                String name = NAME.split(line.trim(), 2)[0];
                users.user(name).ifPresent(UsersFileFuzzTest::accept);
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    users.user(name.substring(1, name.length() - 1)).ifPresent(UsersFileFuzzTest::accept);
                }
            }
        }
    }

    /** The Access-Accept the embedded server sends this user, encoded. */
    private static void accept(UsersFile.User user) {
        user.toString();
        RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).addAll(user.reply()).build();
        try {
            CODEC.encodeResponse(accept.toBuilder().identifier(REQUEST.identifier()).build(), REQUEST, SECRET);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith("the packet exceeds")) {
                throw new AssertionError("user " + user.name() + " parsed, but its Access-Accept cannot be encoded", e);
            }
        }
    }

    private static RadiusPacket request() {
        RadiusPacket r = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(9)
                .add("User-Name", "alice").add("User-Password", "alice-pw").build();
        byte[] wire = CODEC.encodeRequest(r, SECRET);
        try {
            return CODEC.decodeRequest(wire, SECRET);
        } catch (RadiusDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
