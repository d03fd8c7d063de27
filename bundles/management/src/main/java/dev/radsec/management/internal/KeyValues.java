package dev.radsec.management.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * Settings written as {@code key=value} words, the one syntax of the shell's write commands and of the JMX
 * {@code create} operations that take text: {@code address=192.0.2.7 protocol=radsec "clients=10.0.0.0/8 s1"}. A
 * value may be quoted ({@code clients="10.0.0.0/8 s1, 127.0.0.1/32"}); an empty value ({@code tls-psk=}) means
 * no value, which removes the key from a configuration that has it.
 */
public final class KeyValues {
    /** Keys as our cfg files write them; a dot would be a framework key ({@code service.pid}). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** How a secret reads wherever it would be shown. */
    public static final String MASK = "******";

    private KeyValues() {
    }

    /**
     * The settings of {@code key=value} words as a shell splits a command line (quotes already removed, or kept
     * around a value), in their order.
     *
     * @throws IllegalArgumentException naming the word that is not {@code key=value}, a key that is not a setting,
     *                                  or a key given twice
     */
    public static Map<String, String> parse(List<String> words) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String word : words == null ? List.<String>of() : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + word + "' is not key=value");
            }
            String key = word.substring(0, eq).trim();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(key + ": is not a setting (keys are words such as tls-certificate)");
            }
            if (settings.put(key, unquote(word.substring(eq + 1).trim())) != null) {
                throw new IllegalArgumentException(key + ": is given twice");
            }
        }
        return settings;
    }

    /**
     * The settings of one line of {@code key=value} words separated by spaces, with {@code "..."} or
     * {@code '...'} quoting and {@code \} escaping the next character, as a shell reads them.
     */
    public static Map<String, String> parse(String line) {
        return parse(words(line));
    }

    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; line != null && i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && quote != '\'') {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a " + quote + " quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code key=value, key=value} for output, each value as {@code shown(key, value)} gives it. */
    public static String show(Map<String, ?> settings, BinaryOperator<String> shown) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + shown.apply(k, v == null ? "" : String.valueOf(v))));
        return String.join(", ", parts);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
