package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.logTail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** How an operator reaches the Karaf under test: remote JMX as JConsole does, and shell commands. */
final class KarafAccess {
    private static final Duration CONNECTOR_START = Duration.ofSeconds(30);

    private KarafAccess() {
    }

    /**
     * A JMX connection over the RMI URL JConsole uses (ports from {@code etc/org.apache.karaf.management.cfg}), as
     * {@code user}. Retried while the connector starts; a refused login is a {@link SecurityException} at once.
     */
    static JMXConnector jmx(String user, String password) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        for (String line : Files.readAllLines(etc().resolve("org.apache.karaf.management.cfg"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                cfg.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String url = "service:jmx:rmi://127.0.0.1:" + cfg.get("rmiServerPort") + "/jndi/rmi://127.0.0.1:"
                + cfg.get("rmiRegistryPort") + "/karaf-root";
        long deadline = System.nanoTime() + CONNECTOR_START.toNanos();
        while (true) {
            try {
                return JMXConnectorFactory.connect(new JMXServiceURL(url),
                        Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no JMX at " + url + ": " + notYet + "\n" + logTail(), notYet);
                }
                Thread.sleep(200); // the management feature starts its connector asynchronously
            }
        }
    }

    /** Runs a shell command as an admin and returns what it printed, errors included. */
    static String shell(SessionFactory factory, String command) {
        return shellAs(factory, command, "karaf", "admin");
    }

    /** Runs a shell command as {@code user} with {@code roles}; returns what it printed, errors included. */
    static String shellAs(SessionFactory factory, String command, String user, String... roles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = factory.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            out.println(causes(e.getException()));
        } catch (RuntimeException e) {
            out.println(causes(e));
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static boolean registered(javax.management.MBeanServerConnection jmx, javax.management.ObjectName name) {
        try {
            return jmx.isRegistered(name);
        } catch (IOException e) {
            return false;
        }
    }

    static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" / ");
        }
        return b.toString();
    }
}
