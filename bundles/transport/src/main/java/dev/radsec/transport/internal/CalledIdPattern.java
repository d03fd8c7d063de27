package dev.radsec.transport.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MikroTik's {@code called-id} pattern: {@code *} matches any characters (none included), {@code ?} exactly one,
 * everything else itself, case ignored, over the whole Called-Station-Id. Compiled once per configuration; matching
 * a packet compiles nothing.
 */
final class CalledIdPattern {
    private final String text;
    private final Pattern regex;

    private CalledIdPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    static CalledIdPattern compile(String glob) {
        StringBuilder r = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    r.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                r.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            r.append(Pattern.quote(literal.toString()));
        }
        return new CalledIdPattern(glob, Pattern.compile(r.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** Whether {@code calledStationId} matches; a request without one (null) never does. */
    boolean matches(String calledStationId) {
        return calledStationId != null && regex.matcher(calledStationId).matches();
    }

    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT);
    }
}
