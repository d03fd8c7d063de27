package dev.radsec.server;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A users file in a small subset of FreeRADIUS's format: a line starting at column 0 names a user and its
 * password check item; indented lines that follow are the reply attributes, separated by commas.
 *
 * <pre>
 * # comment
 * alice  Cleartext-Password := "alice-pw"
 *        Reply-Message = "Hello, alice",
 *        Session-Timeout = 3600
 * </pre>
 *
 * Immutable once parsed. Reply values are checked against the dictionary while parsing, so a bad file is refused
 * with its line number rather than failing a login.
 */
public final class UsersFile {
    /**
     * One user: its password and the attributes an Access-Accept carries.
     *
     * @param name     the user name
     * @param password the cleartext password, compared by the server in constant time; never printed
     * @param reply    the attributes an Access-Accept carries
     */
    public record User(String name, String password, List<Attribute> reply) {
        public User {
            reply = List.copyOf(reply);
        }

        @Override
        public String toString() {
            return name + " (password ******, " + reply.size() + " reply attributes)";
        }
    }

    /** Signs the trial encoding of each reply value; the octets are thrown away. */
    private static final SharedSecret CHECK_SECRET = SharedSecret.of("users-file-value-check");

    private final Map<String, User> users;

    private UsersFile(Map<String, User> users) {
        this.users = users;
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public int size() {
        return users.size();
    }

    /**
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static UsersFile parse(String text, Dictionary dictionary) {
        Map<String, User> users = new LinkedHashMap<>();
        String name = null;
        String password = null;
        List<Attribute> reply = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (name != null) {
                    users.put(name, new User(name, password, reply));
                }
                String[] head = line.trim().split("\\s+", 2);
                name = unquote(head[0]);
                password = head.length > 1 ? password(head[1], number) : null;
                if (password == null) {
                    throw new IllegalArgumentException("line " + number + ": '" + name
                            + "' needs Cleartext-Password := \"...\"");
                }
                reply = new ArrayList<>();
                continue;
            }
            if (name == null) {
                throw new IllegalArgumentException("line " + number + ": a reply attribute before any user");
            }
            for (String item : items(line)) {
                if (!item.isBlank()) {
                    reply.add(attribute(item.trim(), dictionary, number));
                }
            }
        }
        if (name != null) {
            users.put(name, new User(name, password, reply));
        }
        return new UsersFile(users);
    }

    private static String password(String checkItems, int number) {
        String[] parts = checkItems.split(":=", 2);
        if (parts.length != 2 || !parts[0].trim().equals("Cleartext-Password")) {
            throw new IllegalArgumentException("line " + number + ": only Cleartext-Password := \"...\" is understood, not '"
                    + checkItems.trim() + "'");
        }
        return unquote(parts[1].trim());
    }

    private static Attribute attribute(String item, Dictionary dictionary, int number) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("line " + number + ": '" + item + "' is not Name = value");
        }
        String attributeName = item.substring(0, eq).trim();
        String value = unquote(item.substring(eq + 1).trim());
        try {
            // the dictionary parses the value for the attribute's type
            RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dictionary).add(attributeName, value)
                    .build();
            // and only encoding knows whether it fits in its attribute (e.g. text over 253 octets does not)
            new PacketCodec(dictionary).encodeResponse(accept, RadiusPacket.builder(PacketCode.ACCESS_REQUEST,
                    dictionary).authenticator(new byte[RadiusPacket.AUTHENTICATOR_LENGTH]).build(), CHECK_SECRET);
            return accept.attributes().get(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": " + e.getMessage());
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The comma-separated items of a reply line; a comma inside double quotes belongs to its value. */
    private static List<String> items(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(item.toString());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        out.add(item.toString());
        return out;
    }

    /** A '#' outside double quotes starts a comment. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
