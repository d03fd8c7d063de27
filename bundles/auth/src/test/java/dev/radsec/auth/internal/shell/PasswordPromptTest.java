package dev.radsec.auth.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;

/** The password is read masked on a terminal, and as one line of the input without one. */
class PasswordPromptTest {
    private final List<Object> masks = new ArrayList<>();

    /** A session with a terminal: readLine answers {@code typed}. */
    private Session terminal(String typed) {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("readLine")) {
                        masks.add(args[1]);
                        return typed;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** A session without a terminal, as bin/client with piped input has: readLine is unsupported. */
    private Session headless(InputStream keyboard) {
        return (Session) Proxy.newProxyInstance(PasswordPromptTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getKeyboard")) {
                        return keyboard;
                    }
                    if (method.getName().equals("getConsole")) {
                        return new PrintStream(console, true, StandardCharsets.UTF_8);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void onATerminalThePasswordIsReadWithAMask() throws Exception {
        assertEquals("alice-pw", PasswordPrompt.read(terminal("alice-pw"), "Password: "));
        assertEquals(List.of('*'), masks, "masked as Karaf's own ssh:ssh masks passwords");
        assertThrows(IOException.class, () -> PasswordPrompt.read(terminal(null), "Password: "));
    }

    @Test
    void withoutATerminalItIsOneLineOfTheInputAndNothingMoreIsTaken() throws Exception {
        InputStream in = new ByteArrayInputStream("pa ss=w\u00f6rd\r\nnext line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("pa ss=w\u00f6rd", PasswordPrompt.read(headless(in), "Password: "));
        assertEquals("next line\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("Password: ", console.toString(StandardCharsets.UTF_8), "the prompt, and nothing typed");
        assertEquals("", PasswordPrompt.read(headless(new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8))), "P: "));
        assertEquals("last", PasswordPrompt.read(headless(new ByteArrayInputStream("last".getBytes(StandardCharsets.UTF_8))), "P: "));
        assertThrows(IOException.class, () -> PasswordPrompt.read(headless(new ByteArrayInputStream(new byte[0])), "P: "));
    }
}
