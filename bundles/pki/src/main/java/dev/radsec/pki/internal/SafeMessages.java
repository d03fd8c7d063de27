package dev.radsec.pki.internal;

import java.util.regex.Pattern;

/** Turns a parser's or the JDK's complaint into text fit for a message or a log line. */
final class SafeMessages {

    /** Long base64-looking runs are cut out: parsers may quote the encoded key or certificate they choked on. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{40,}");

    private SafeMessages() {
    }

    /** The complaint, short, on one line, and with no long base64-like runs. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = BASE64_RUN.matcher(m.replaceAll("\\s+", " ")).replaceAll("...");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
