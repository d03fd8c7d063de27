package dev.radsec.relay.internal;

import dev.radsec.common.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The replacement of a {@code modify} item, read once: text with group references, {@code $1} as in Java or
 * {@code \1} as radsecproxy writes it (0-9, {@code 0} the whole match); {@code \$} and {@code \\} are a plain
 * {@code $} and {@code \}. Every group it names is checked against the regular expression when it is read, so
 * applying it never fails.
 */
final class Replacement {
    /** Literal text (a String) and group numbers (an Integer), in order. */
    private final List<Object> parts;

    private Replacement(List<Object> parts) {
        this.parts = parts;
    }

    static Replacement parse(String key, String text, int groups) throws InvalidConfigurationException {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c == '\\' && i + 1 < text.length();
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if ((c == '$' || escape) && next >= '0' && next <= '9') {
                int group = next - '0';
                if (group > groups) {
                    throw InvalidConfigurationException.of(key, text, "names group " + group + ", which the regex "
                            + "does not have", groups + " group" + (groups == 1 ? "" : "s"));
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(group);
                i++;
            } else if (escape) {
                literal.append(next);
                i++;
            } else if (c == '$') {
                throw InvalidConfigurationException.of(key, text, "has a $ that names no group", "write \\$ for a $");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new Replacement(List.copyOf(parts));
    }

    /** {@code value} with the match {@code m} found in it replaced. */
    String apply(String value, Matcher m) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        b.append(value, 0, m.start());
        for (Object part : parts) {
            if (part instanceof Integer group) {
                String g = m.group(group);
                if (g != null) {
                    b.append(g);
                }
            } else {
                b.append((String) part);
            }
        }
        return b.append(value, m.end(), value.length()).toString();
    }
}
