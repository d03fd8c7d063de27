package dev.radsec.server.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.AtomicFiles;
import dev.radsec.common.KillLoop;
import dev.radsec.server.UsersFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The child of {@link UsersFileKillTest}: until killed, rewrites a users file as version n, n+1, ... (what an
 * administrator's tool does through {@link AtomicFiles#write}) and, each round, lets the server create its demo users
 * file in a new directory {@code demo-<i>} ({@link DemoUsersFile}, as a first start does). At start it does what the
 * server's start does: the latest demo file is created if it is missing, and the users file is parsed.
 */
public final class UsersFileWriter {
    static final String USERS = "users";
    static final Pattern DEMO = Pattern.compile("demo-(\\d+)");
    private static final Pattern VERSION = Pattern.compile("# version (\\d+)\n");

    private UsersFileWriter() {
    }

    /** Version {@code n}: 1 to 40 users, each named and with a password and a Reply-Message that carry {@code n}. */
    static String text(long n) {
        StringBuilder text = new StringBuilder("# version " + n + "\n");
        for (int k = 0; k <= n % 40; k++) {
            text.append("user-").append(n).append('-').append(k).append(" Cleartext-Password := \"pw-").append(n)
                    .append('-').append(k).append("\"\n        Reply-Message = \"version ").append(n)
                    .append(" user ").append(k).append("\",\n        Session-Timeout = ").append(60 + k).append('\n');
        }
        return text.toString();
    }

    /**
     * The version a users file holds, parsed with the server's own parser.
     *
     * @throws AssertionError unless it is exactly that version's text and parses to its users
     */
    static long version(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.lookingAt()) {
            throw new AssertionError("no version line: " + text.lines().findFirst().orElse(""));
        }
        long n = Long.parseLong(m.group(1));
        UsersFile users = UsersFile.parse(text, Dictionary.standard());
        if (!text.equals(text(n)) || users.size() != n % 40 + 1
                || !users.user("user-" + n + "-" + n % 40).map(u -> u.password().equals("pw-" + n + "-" + n % 40))
                .orElse(false)) {
            throw new AssertionError("users v" + n + " is torn: " + text.length() + " characters, " + users.size()
                    + " users");
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path users = dir.resolve(USERS);
        long n = 1;
        try {
            n = version(Files.readString(users, StandardCharsets.UTF_8)) + 1;
        } catch (NoSuchFileException first) {
            // the first child
        }
        int i = highestDemo(dir);
        if (i >= 0) {
            DemoUsersFile.createIfMissing(dir.resolve("demo-" + i).resolve(USERS));
        }
        System.out.println(KillLoop.READY);
        System.out.flush();
        for (i++; ; n++, i++) {
            AtomicFiles.write(users, text(n).getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
            DemoUsersFile.createIfMissing(dir.resolve("demo-" + i).resolve(USERS));
        }
    }

    static int highestDemo(Path dir) throws Exception {
        int highest = -1;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = DEMO.matcher(p.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return highest;
    }
}
