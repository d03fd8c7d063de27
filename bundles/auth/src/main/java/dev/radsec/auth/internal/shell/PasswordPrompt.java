package dev.radsec.auth.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.console.Session;

/**
 * Reads a password from the operator: masked on a terminal (the console, SSH), as Karaf's own {@code ssh:ssh} does;
 * from the session's input, one line, after the same prompt, where there is no terminal ({@code bin/client} with piped
 * input). Never echoes the password.
 */
final class PasswordPrompt {
    private static final char MASK = '*';

    private PasswordPrompt() {
    }

    /**
     * @return the line typed, without its line end
     * @throws IOException when the input ends before a line
     */
    static String read(Session session, String prompt) throws IOException {
        try {
            String line = session.readLine(prompt, MASK);
            if (line == null) {
                throw new IOException("no password: the input ended");
            }
            return line;
        } catch (UnsupportedOperationException headless) {
            session.getConsole().print(prompt);
            session.getConsole().flush();
            return line(session.getKeyboard());
        }
    }

    /** One line, read byte by byte so nothing after it is taken from the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            bytes.write(b);
        }
        if (b == -1 && bytes.size() == 0) {
            throw new IOException("no password: the input ended");
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
