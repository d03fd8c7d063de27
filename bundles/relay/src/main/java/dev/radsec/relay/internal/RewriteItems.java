package dev.radsec.relay.internal;

import dev.radsec.common.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The items of one rewrite key, read once per configuration: {@code selector} or {@code selector = value},
 * comma-separated. A value is a word up to the next comma, a double-quoted string ({@code "Hello, world"}, with
 * {@code \"} and {@code \\}), or for {@code modify} a {@code /regex/replacement/} (with {@code \/} for a slash in
 * either part, and an optional {@code i} after the last slash), so commas inside quotes and regular expressions do
 * not split items.
 */
final class RewriteItems {
    /** One item: what it names, and its value as written (quotes removed); null when it has none. */
    record Item(String selector, String value, boolean quoted) {
    }

    /** A {@code /regex/replacement/} value, split, its escaped slashes plain again. */
    record Regex(String pattern, String replacement, boolean ignoreCase) {
    }

    private final String key;
    private final String text;
    private int pos;

    private RewriteItems(String key, String text) {
        this.key = key;
        this.text = text;
    }

    /**
     * The items of {@code value}: a string, or what a web console gives (an array or a collection of strings, each
     * read the same way).
     *
     * @param regex whether values are {@code /regex/replacement/} ({@code modify})
     */
    static List<Item> parse(String key, Object value, boolean regex) throws InvalidConfigurationException {
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        Iterable<?> parts = value instanceof Object[] a ? List.of(a) : value instanceof Collection<?> c ? c
                : List.of(value);
        for (Object part : parts) {
            new RewriteItems(key, String.valueOf(part)).readAll(items, regex);
        }
        return items;
    }

    /** Splits a {@code modify} value read by {@link #parse} with {@code regex} true. */
    static Regex regex(String key, String value) throws InvalidConfigurationException {
        // parse() kept the value as written between its slashes: /pattern/replacement/flags
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '/') {
                b.append('/');
                i++;
            } else if (c == '/' && parts.size() < 2) {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        String flags = b.toString();
        if (parts.size() != 2 || !(flags.isEmpty() || flags.equals("i"))) {
            throw InvalidConfigurationException.of(key, value, "is not /regex/replacement/", "e.g. /^(.*)@local$/$1@example.org/");
        }
        return new Regex(parts.get(0), parts.get(1), flags.equals("i"));
    }

    private void readAll(List<Item> items, boolean regex) throws InvalidConfigurationException {
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                return;
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '=' && text.charAt(pos) != ',') {
                pos++;
            }
            String selector = text.substring(start, pos).trim();
            if (selector.isEmpty()) {
                throw InvalidConfigurationException.of(key, text, "has an item without an attribute", null);
            }
            String value = null;
            boolean quoted = false;
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '"') {
                    value = quoted();
                    quoted = true;
                } else if (regex && pos < text.length() && text.charAt(pos) == '/') {
                    value = slashed();
                } else {
                    int v = pos;
                    while (pos < text.length() && text.charAt(pos) != ',') {
                        pos++;
                    }
                    value = text.substring(v, pos).trim();
                }
            }
            items.add(new Item(selector, value, quoted));
            skipSpaces();
            if (pos < text.length()) {
                if (text.charAt(pos) != ',') {
                    throw InvalidConfigurationException.of(key, text.substring(start), "has text after its value",
                            "separate items with commas");
                }
                pos++;
            }
        }
    }

    private String quoted() throws InvalidConfigurationException {
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                b.append(text.charAt(pos++));
            } else if (c == '"') {
                return b.toString();
            } else {
                b.append(c);
            }
        }
        throw InvalidConfigurationException.of(key, text.substring(start), "has a \" that is not closed", null);
    }

    /** {@code /a/b/} with its optional flag, as written. */
    private String slashed() throws InvalidConfigurationException {
        int start = pos++;
        int slashes = 1;
        while (pos < text.length() && slashes < 3) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length() && text.charAt(pos) == '/') {
                pos++;
            } else if (c == '/') {
                slashes++;
            }
        }
        if (slashes < 3) {
            throw InvalidConfigurationException.of(key, text.substring(start), "is not /regex/replacement/",
                    "a slash in either part is written \\/");
        }
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
