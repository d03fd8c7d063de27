package dev.radsec.management.internal.shell;

import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code radsec:ca-issue <name> --dns .. --ip ..}: issues a certificate and key from the organisation CA into
 * {@code etc/radsec/certs/<name>.crt} and {@code .key} (0600). The key is written, never printed. With
 * {@code --pkcs12 <file>} also a PKCS#12 file (key, certificate and CA certificate, 0600) for devices that take one,
 * protected by {@code --password} or, without it, by a password asked twice without echo.
 */
@Command(scope = "radsec", name = "ca-issue", description = "Issues a device or server certificate from the organisation CA")
@Service
public class CaIssueCommand extends CaCommand {
    /** JLine's mask for "echo nothing". */
    private static final char NO_ECHO = '\0';
    private static final Set<String> TRAILING = Set.of("--dns", "--ip", "--usage", "--days", "--pkcs12", "--password");

    @Reference
    Session session;

    @Argument(index = 0, name = "name", description = "common name, and the file name", required = true)
    String name;

    @Option(name = "--dns", description = "a dNSName subjectAltName", multiValued = true)
    List<String> dns;

    @Option(name = "--ip", description = "an iPAddress subjectAltName", multiValued = true)
    List<String> ip;

    @Option(name = "--usage", description = "server, client (default) or server-and-client")
    String usage = "client";

    @Option(name = "--days", description = "validity in days (default 825)")
    int days = 825;

    @Option(name = "--pkcs12", description = "also write a PKCS#12 file (key, certificate, CA) for devices that take one;"
            + " relative to etc/radsec/certs")
    String pkcs12;

    @Option(name = "--password", description = "the PKCS#12 file's password (asked without echo when not given; the"
            + " shell's history keeps what is typed, so prefer being asked)")
    String password;

    /** The options written after the name, as in {@code radsec:ca-issue ap-1 --dns ap-1.example}. */
    @Argument(index = 1, name = "options", multiValued = true,
            description = "--dns, --ip, --usage, --days, --pkcs12, --password after the name")
    List<String> trailing;

    @Override
    public Object execute() throws Exception {
        // Karaf names the command's thread after its command line, and every log line shows the thread: a password
        // given as an option would be in karaf.log with whatever the CA logs meanwhile.
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        String given = password != null ? password : trailingPassword();
        if (given != null && !given.isEmpty()) {
            thread.setName(threadName.replace(given, "******"));
        }
        try {
            return issue();
        } finally {
            thread.setName(threadName);
        }
    }

    private String trailingPassword() {
        int at = trailing == null ? -1 : trailing.indexOf("--password");
        return at < 0 || at + 1 >= trailing.size() ? null : trailing.get(at + 1);
    }

    private Object issue() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            System.err.println("name: '" + name + "' may hold only letters, digits, '.', '_' and '-'");
            return null;
        }
        TrailingOptions after = TrailingOptions.parse(trailing, TRAILING);
        List<String> dnsNames = new ArrayList<>(dns == null ? List.of() : dns);
        dnsNames.addAll(after.all("--dns"));
        List<String> addresses = new ArrayList<>(ip == null ? List.of() : ip);
        addresses.addAll(after.all("--ip"));
        usage = after.text("--usage", usage);
        days = after.number("--days", days);
        pkcs12 = after.text("--pkcs12", pkcs12);
        password = after.text("--password", password);
        CertificateProfile.Builder profile = CertificateProfile.builder(name).validity(Duration.ofDays(days));
        CertificateProfile.Usage use = EnumOption.parse("--usage", usage, CertificateProfile.Usage.class).orElse(null);
        if (use == null) {
            return null;
        }
        profile.usage(use);
        for (String d : dnsNames) {
            profile.dnsName(d);
        }
        for (String a : addresses) {
            if (!a.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
                System.err.println("--ip: '" + a + "' is not an IP address");
                return null;
            }
            profile.ipAddress(InetAddress.getByName(a));
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("karaf.etc", "etc"), "radsec", "certs"));
        IssuedCertificate issued;
        if (pkcs12 == null) {
            issued = ca.issue(profile.build(), dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        } else {
            char[] secret = password != null ? password.toCharArray() : askPassword();
            if (secret == null) {
                return null;
            }
            try {
                issued = ca.issue(profile.build(), dir.resolve(name + ".crt"), dir.resolve(name + ".key"),
                        dir.resolve(pkcs12), secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        System.out.println("Issued " + issued.certificate().getSubjectX500Principal().getName() + ", serial "
                + issued.certificate().getSerialNumber().toString(16) + ", valid until "
                + issued.certificate().getNotAfter().toInstant());
        System.out.println("Certificate: " + issued.certificateFile());
        System.out.println("Key:         " + issued.keyFile());
        issued.pkcs12File().ifPresent(p -> System.out.println("PKCS#12:     " + p));
        return null;
    }

    /** The PKCS#12 password, typed twice without echo; null (after saying why) when it is empty or differs. */
    private char[] askPassword() throws IOException {
        String first = readSecret("PKCS#12 password: ");
        String second = readSecret("PKCS#12 password again: ");
        if (first == null || first.isEmpty()) {
            System.err.println("--pkcs12: a password is needed (--password, or typed when asked)");
            return null;
        }
        if (!first.equals(second)) {
            System.err.println("--pkcs12: the passwords differ; nothing issued");
            return null;
        }
        return first.toCharArray();
    }

    /**
     * One line typed without echo on a terminal (the console, SSH); where there is none ({@code bin/client} with piped
     * input), the line is read from the session's input after the same prompt. Null when the input ended.
     */
    private String readSecret(String prompt) throws IOException {
        try {
            return session.readLine(prompt, NO_ECHO);
        } catch (UnsupportedOperationException headless) {
            session.getConsole().print(prompt);
            session.getConsole().flush();
            InputStream in = session.getKeyboard();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') { // byte by byte: nothing after the line is taken
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
