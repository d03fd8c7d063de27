package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.freeTcpPort;
import static dev.radsec.itests.KarafTestSupport.freeUdpPort;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The README's configuration table is the specification of the management surface: every key of every
 * {@code dev.radsec.*} PID reachable four ways. This test reads that table and walks each row in a real Karaf:
 * <ol>
 *   <li><b>metatype</b>: the rows are exactly the keys our bundles' metatype defines, no more and no fewer;</li>
 *   <li><b>JMX</b>: the row's MBean has the row's attribute, writable unless the row says read-only;</li>
 *   <li><b>shell</b>: the row's command sets the key: ConfigAdmin then holds the value and the attribute reads it;</li>
 *   <li><b>cfg</b>: the key written into the instance's file in {@code etc/} reaches ConfigAdmin and the attribute.</li>
 * </ol>
 * Secrets read masked over JMX; for them the stored value is what is compared. Failures are collected, so one run
 * names every row that is wrong.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationSurfaceIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A README row: {@code | `pid` | `key` | `file` | `key` (Type) | Type,name=<name> `Attribute` ... | `command ...` |}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(dev\\.radsec[a-z.]*)` \\| `([a-z0-9-]+)` \\| `([^`]+)` \\| `([a-z0-9-]+)` \\(\\w+\\) \\| (.+?) \\| `([^`]+)`.*\\|$");
    private static final String MASK = "******";

    @Configuration
    public Option[] config() throws IOException {
        Path readme = Paths.get(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("README.md");
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec", "radsec-server"),
            editConfigurationFilePut("etc/system.properties", "radsec.readme", readme.toString()),
            // the cfg walk writes one file per key: poll etc/ every 200 ms instead of Karaf's 1 s
            editConfigurationFilePut("etc/config.properties", "felix.fileinstall.poll", "200")};
    }

    /** One row of the README table. */
    private record Row(String pid, String key, String file, String mbean, String attribute, boolean readOnly,
            String command) {
        String where() {
            return pid + " " + key;
        }
    }

    @Test
    public void everyKeyOfEveryPidIsReachableThroughCfgMetatypeJmxAndTheShell() throws Exception {
        List<Row> rows = readme();
        Map<String, Map<String, AttributeDefinition>> metatype = ourMetatype();
        Set<String> documented = rows.stream().map(Row::where).collect(Collectors.toCollection(TreeSet::new));
        Set<String> defined = new TreeSet<>();
        metatype.forEach((pid, ads) -> ads.keySet().forEach(k -> defined.add(pid + " " + k)));
        assertEquals("README rows against the metatype of our bundles", defined, documented);

        Instances instances = new Instances(etc(), services.get(SessionFactory.class),
                services.get(ConfigurationAdmin.class));
        instances.create();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Samples samples = new Samples(instances);
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            try {
                walk(row, metatype.get(row.pid()).get(row.key()), instances, samples, jmx);
            } catch (AssertionError | Exception e) {
                failures.add(row.where() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.size() + " of " + rows.size() + " rows fail:\n" + String.join("\n", failures)
                + "\n" + logTail(), failures.isEmpty());
    }

    private void walk(Row row, AttributeDefinition ad, Instances instances, Samples samples, MBeanServer jmx)
            throws Exception {
        if (row.pid().equals("dev.radsec.auth.user")) {
            userMappings(row, instances, jmx);
            return;
        }
        ObjectName name = new ObjectName("dev.radsec:type=" + row.mbean().replace("<id>", instances.name(row.pid()))
                .replace("<name>", instances.name(row.pid())));
        await(name + " registered", TIMEOUT, () -> jmx.isRegistered(name), () -> "");
        MBeanAttributeInfo info = Arrays.stream(jmx.getMBeanInfo(name).getAttributes())
                .filter(a -> a.getName().equals(row.attribute())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no attribute " + row.attribute()));
        if (row.readOnly()) {
            assertEquals(instances.name(row.pid()), text(jmx.getAttribute(name, row.attribute())));
            return; // the identity: set by the -add command that made the instance
        }
        assertTrue(name + " " + row.attribute() + " is not writable", info.isWritable());
        boolean secret = ad.getType() == AttributeDefinition.PASSWORD;
        String[] values = samples.of(row.pid(), ad);

        // shell: the command sets it, ConfigAdmin holds it, JMX reads it
        String command = "radsec:" + row.command().replace("<id>", instances.name(row.pid()))
                .replace("<name>", instances.name(row.pid())).replaceFirst(" [a-z0-9-]+=….*$", "")
                + " " + row.key() + "=" + quoted(values[1]) + samples.companions(row.pid(), row.key());
        String out = instances.shell(command);
        String stored = instances.stored(row.pid(), row.key());
        assertEquals("after `" + command + "`: " + out, values[1], stored);
        String shown = secret ? MASK : values[1];
        await(name + " " + row.attribute() + " reads " + shown + " after the shell", TIMEOUT,
                () -> shown.equals(text(jmx.getAttribute(name, row.attribute()))), () -> "");

        // cfg: the key written into the instance's file reaches ConfigAdmin and JMX
        instances.writeFile(row.pid(), row.key(), values[0], samples.companionMap(row.pid(), row.key()));
        instances.untilRead(row.pid(), () -> values[0].equals(instances.stored(row.pid(), row.key())));
        String expected = secret ? MASK : values[0];
        await(name + " " + row.attribute() + " reads " + expected, TIMEOUT,
                () -> expected.equals(text(jmx.getAttribute(name, row.attribute()))), () -> "");
        instances.restore(row.pid());
    }

    /** dev.radsec.auth.user: the Auth MBean's addUser/showUser, radsec:auth-user-add, and the mapping files. */
    private void userMappings(Row row, Instances instances, MBeanServer jmx) throws Exception {
        ObjectName auth = new ObjectName("dev.radsec:type=Auth");
        Set<String> operations = Arrays.stream(jmx.getMBeanInfo(auth).getOperations()).map(o -> o.getName())
                .collect(Collectors.toSet());
        assertTrue(operations.toString(), operations.containsAll(List.of("addUser", "showUser", "removeUser")));
        String user = "walk-" + row.key();
        instances.shell("radsec:auth-user-add " + user + " walk-a,walk-b");
        await(user + " mapped", TIMEOUT, () -> "walk-a,walk-b".equals(jmx.invoke(auth, "showUser",
                new Object[] {user}, new String[] {String.class.getName()})), () -> "");
        String fileUser = "walk-file-" + row.key();
        writeAtomically(instances.etc.resolve("dev.radsec.auth.user-" + fileUser + ".cfg"),
                "username = " + fileUser + "\npolicies = walk-c\n");
        await(fileUser + " read from its file", TIMEOUT, () -> Arrays.asList((String[]) jmx.getAttribute(auth,
                "Users")).contains(fileUser) && "walk-c".equals(jmx.invoke(auth, "showUser", new Object[] {fileUser},
                new String[] {String.class.getName()})), () -> "");
    }

    // ------------------------------------------------------------------------------------------------ sources

    private static List<Row> readme() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(RadsecKaraf.property("radsec.readme")), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            assertEquals(line, m.group(2), m.group(4)); // the cfg key is the metatype id
            String jmxCell = m.group(5);
            Matcher attribute = Pattern.compile("^([A-Za-z]+(?:,[a-z]+=<[a-z]+>)?) `([A-Za-z]+)`").matcher(jmxCell);
            String mbean = attribute.find() ? attribute.group(1) : "";
            rows.add(new Row(m.group(1), m.group(2), m.group(3), mbean, attribute.find(0) ? attribute.group(2) : "",
                    jmxCell.contains("read-only"), m.group(6)));
        }
        assertTrue("no configuration table in the README", rows.size() > 50);
        return rows;
    }

    /** PID → key → definition, from every dev.radsec bundle's metatype. */
    private Map<String, Map<String, AttributeDefinition>> ourMetatype() throws InterruptedException {
        MetaTypeService service = services.get(MetaTypeService.class);
        Map<String, Map<String, AttributeDefinition>> all = new LinkedHashMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("dev.radsec")) {
                continue;
            }
            MetaTypeInformation info = service.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            List<String> pids = new ArrayList<>(Arrays.asList(info.getPids()));
            pids.addAll(Arrays.asList(info.getFactoryPids()));
            for (String pid : pids) {
                Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
                for (AttributeDefinition ad : info.getObjectClassDefinition(pid, null)
                        .getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    ads.put(ad.getID(), ad);
                }
                all.put(pid, ads);
            }
        }
        return all;
    }

    /** As the shell takes a value with spaces: in quotes. */
    private static String quoted(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }

    /** JMX values as a cfg file writes them: arrays comma-separated. */
    private static String text(Object value) {
        if (value instanceof int[] ints) {
            return Arrays.stream(ints).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        }
        if (value instanceof String[] strings) {
            return String.join(", ", strings);
        }
        return String.valueOf(value);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Check check, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; " + state.get()
                + (last == null ? "" : " (" + last + ")"));
    }

    // ------------------------------------------------------------------------------------------------ instances

    /** One instance of every PID, made through the shell, and its base settings to return to after each key. */
    static final class Instances {
        final Path etc;
        private final SessionFactory shell;
        private final ConfigurationAdmin admin;
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> bases = new LinkedHashMap<>();
        final int[] ports = new int[8];

        Instances(Path etc, SessionFactory shell, ConfigurationAdmin admin) throws IOException {
            this.etc = etc;
            this.shell = shell;
            this.admin = admin;
            for (int i = 0; i < ports.length; i++) {
                ports[i] = i % 2 == 0 ? freeUdpPort() : freeTcpPort();
            }
        }

        void create() throws Exception {
            Files.createDirectories(etc.resolve("radsec"));
            writeAtomically(etc.resolve("radsec/walk.dictionary"), "ATTRIBUTE\tWalk-Test\t250\tstring\n");
            writeAtomically(etc.resolve("radsec/walk-users"), "walk Cleartext-Password := \"walk-pw\"\n");
            instance("dev.radsec.destination", "901", "destination-add 901",
                    "address=127.0.0.1 protocol=udp secret=walk-destination-secret-1 disabled=true");
            instance("dev.radsec.relay", "walk", "relay-add walk", "protocol=udp listen-address=127.0.0.1 auth-port="
                    + ports[0] + " acct-port=" + ports[2] + " coa-port=" + ports[4]
                    + " secret=walk-nas-secret-1 destinations=901");
            instance("dev.radsec.rewrite", "walk", "rewrite-add walk", "remove=Tunnel-Type");
            instance("dev.radsec.listener", "walk", "listener-add walk",
                    "protocol=udp address=127.0.0.1 port=" + ports[6] + " clients=127.0.0.1/32 secret=walk-listener-1");
            instance("dev.radsec.incoming", "incoming", "incoming-set", "accept=false port=" + ports[5]);
            instance("dev.radsec.auth", "auth", "auth-set", "host=127.0.0.1 secret=walk-auth-secret-1");
            instance("dev.radsec.pki.certificate", "walk", "certificate-add walk",
                    "certificate=radsec/walk.pem private-key=radsec/walk.key");
            instance("dev.radsec.pki.psk", "walk", "psk-add walk",
                    "identity=walk-identity key=" + "5a".repeat(16) + "0123456789abcdef0123456789abcdef");
            instance("dev.radsec.pki.trust", "walk", "trust-store-add walk", "ca=radsec/walk-ca.pem");
            instance("dev.radsec.pki.bootstrap", "bootstrap", "pki-bootstrap-set", "directory=radsec/walk-pki");
            instance("dev.radsec.server", "server", "server-set", "users=radsec/walk-users listener=walk");
            instance("dev.radsec.dictionary", "dictionary", "dictionary-set", "path=radsec/walk.dictionary");
        }

        private void instance(String pid, String name, String command, String settings) throws Exception {
            names.put(pid, name);
            Map<String, String> base = new LinkedHashMap<>();
            for (String kv : settings.split(" ")) {
                base.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            bases.put(pid, base);
            String out = shell("radsec:" + command + " " + settings);
            await(pid + " " + name + " made by `" + command + "`: " + out, TIMEOUT, () -> configuration(pid) != null,
                    () -> "");
        }

        String name(String pid) {
            return names.get(pid);
        }

        String shell(String command) {
            return KarafAccess.shell(shell, command);
        }

        private org.osgi.service.cm.Configuration configuration(String pid) throws Exception {
            boolean factory = !List.of("dev.radsec.incoming", "dev.radsec.auth", "dev.radsec.pki.bootstrap",
                    "dev.radsec.server", "dev.radsec.dictionary").contains(pid);
            String filter = !factory ? "(service.pid=" + pid + ")"
                    : pid.equals("dev.radsec.destination") ? "(&(service.factoryPid=" + pid + ")(id=" + name(pid) + "))"
                    : "(&(service.factoryPid=" + pid + ")(|(name=" + name(pid) + ")(service.pid=" + pid + "~"
                            + name(pid) + ")(felix.fileinstall.filename=*" + pid + "-" + name(pid) + ".cfg)))";
            org.osgi.service.cm.Configuration[] found = admin.listConfigurations(filter);
            return found == null ? null : found[0];
        }

        String stored(String pid, String key) throws Exception {
            Dictionary<String, Object> p = configuration(pid).getProperties();
            Object v = p == null ? null : p.get(key);
            return v instanceof String[] a ? String.join(", ", a) : v == null ? null : String.valueOf(v);
        }

        Path file(String pid) throws Exception {
            Object f = configuration(pid).getProperties().get("felix.fileinstall.filename");
            return Paths.get(new java.net.URI(String.valueOf(f)));
        }

        String fileText(String pid) {
            try {
                return file(pid) + ":\n" + Files.readString(file(pid));
            } catch (Exception e) {
                return e.toString();
            }
        }

        /** The base settings, and {@code key = value} with its companions, as the whole file. */
        void writeFile(String pid, String key, String value, Map<String, String> companions) throws Exception {
            fileSynced(pid); // else FileInstall's write-back of the last change could overwrite this file
            Map<String, String> content = new LinkedHashMap<>(bases.get(pid));
            String identity = pid.equals("dev.radsec.destination") ? "id" : null;
            if (identity != null) {
                content.put(identity, name(pid));
            }
            content.putAll(companions);
            if (key != null) {
                content.put(key, value);
            }
            StringBuilder b = new StringBuilder();
            content.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    b.append(k).append(" = ").append(v).append('\n');
                }
            });
            writeAtomically(file(pid), b.toString());
        }

        /** Waits until FileInstall has written ConfigAdmin's state of the instance back to its file. */
        void fileSynced(String pid) throws Exception {
            await(pid + " written back to its file", TIMEOUT, () -> {
                java.util.Properties file = new java.util.Properties();
                try (java.io.Reader r = Files.newBufferedReader(file(pid))) {
                    file.load(r);
                }
                Dictionary<String, Object> p = configuration(pid).getProperties();
                for (String k : java.util.Collections.list(p.keys())) {
                    if (!k.contains(".") && !String.valueOf(p.get(k)).equals(unquote(file.getProperty(k)))) {
                        return false;
                    }
                }
                return true;
            }, () -> fileText(pid));
            // FileInstall takes the file as it finds it on its next scans for its own write-back; a change written
            // before those scans would be taken for that write-back and never read. Three poll intervals settle it.
            Thread.sleep(600);
        }

        private static String unquote(String v) {
            return v != null && v.length() > 1 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }

        /**
         * Waits until ConfigAdmin holds what was just written to the instance's file. FileInstall notices a change by
         * the file's modification time and length; a rewrite that closely follows its own write-back is sometimes
         * not noticed, so after a few seconds the file is touched once (content unchanged) and the wait goes on.
         */
        void untilRead(String pid, Check read) throws Exception {
            try {
                await("FileInstall reads " + file(pid), Duration.ofSeconds(4), read, () -> "");
            } catch (AssertionError missed) {
                Files.setLastModifiedTime(file(pid), java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis() + 2000));
                // a component that takes long to apply the last change holds ConfigAdmin's dispatcher meanwhile
                await("FileInstall reads " + file(pid) + " once touched", TIMEOUT.multipliedBy(3), read,
                        () -> fileText(pid));
            }
        }

        /** Back to the base settings, through the file. */
        void restore(String pid) throws Exception {
            writeFile(pid, null, null, Map.of());
            untilRead(pid, () -> {
                Dictionary<String, Object> p = configuration(pid).getProperties();
                for (String k : java.util.Collections.list(p.keys())) {
                    if (!k.contains(".") && !k.equals("id") && !bases.get(pid).containsKey(k)) {
                        return false; // the last key walked is still there
                    }
                }
                for (Map.Entry<String, String> e : bases.get(pid).entrySet()) {
                    if (!e.getValue().equals(String.valueOf(p.get(e.getKey())))) {
                        return false;
                    }
                }
                return true;
            });
            fileSynced(pid);
        }
    }

    // ------------------------------------------------------------------------------------------------ samples

    /**
     * Two valid values per key that differ from its base: [0] for the cfg file, [1] for the shell. Derived from the
     * metatype (choices, ranges, booleans), except where a key wants a particular kind of text.
     */
    static final class Samples {
        private final Map<String, String[]> overrides = new LinkedHashMap<>();
        /** Keys that only take a value together with others (protocol radsec needs a certificate). */
        private final Map<String, Map<String, String>> companions = new LinkedHashMap<>();

        Samples(Instances instances) {
            String key = "0123456789abcdef0123456789abcdef";
            for (String pid : List.of("dev.radsec.destination", "dev.radsec.listener", "dev.radsec.relay",
                    "dev.radsec.incoming")) {
                set(pid, "address", "127.0.0.2", "127.0.0.3");
                set(pid, "listen-address", "127.0.0.2", "127.0.0.3");
                set(pid, "source-address", "127.0.0.1", "127.0.0.1");
                set(pid, "clients", "127.0.0.0/8", "127.0.0.1/32, ::1/128");
                set(pid, "allowed-peer-names", "walk-a.example", "walk-b.example");
                set(pid, "tls-peer-name", "walk-a.example", "walk-b.example");
                set(pid, "tls-psk", "walk", "walk");
                set(pid, "port", String.valueOf(instances.ports[1]), String.valueOf(instances.ports[3]));
                set(pid, "auth-port", String.valueOf(instances.ports[1]), String.valueOf(instances.ports[3]));
                set(pid, "acct-port", String.valueOf(instances.ports[5]), String.valueOf(instances.ports[7]));
                set(pid, "coa-port", String.valueOf(instances.ports[5]), String.valueOf(instances.ports[7]));
                with(pid, "protocol", Map.of("tls-certificate", "walk", "port", String.valueOf(instances.ports[3])));
            }
            set("dev.radsec.destination", "protocol", "radsec", "dtls");
            set("dev.radsec.destination", "service", "login", "relay");
            set("dev.radsec.destination", "called-id", "walk-a*", "walk-b?");
            set("dev.radsec.destination", "domain", "WALKA", "WALKB");
            set("dev.radsec.destination", "timeout", "7", "9");
            set("dev.radsec.destination", "reconnect-demand-cap", "7", "9");
            with("dev.radsec.destination", "tls-psk", Map.of("protocol", "radsec"));
            set("dev.radsec.relay", "protocol", "radsec", "dtls");
            set("dev.radsec.relay", "destinations", "901, 902", "902, 901");
            set("dev.radsec.relay", "realms", "walk-a.example=901", "walk-b.example=901");
            set("dev.radsec.relay", "realm", "walk-a.example", "walk-b.example");
            set("dev.radsec.relay", "balance-key", "User-Name", "Calling-Station-Id");
            set("dev.radsec.relay", "weights", "901:2", "901:3"); // 901 is in every destinations walked
            with("dev.radsec.relay", "realm-append", Map.of("realm", "walk.example"));
            set("dev.radsec.relay", "realm-rewrites", "walk-a.example=walk", "*=walk");
            set("dev.radsec.rewrite", "remove", "Filter-Id", "Class");
            set("dev.radsec.rewrite", "remove-vendor", "311", "9");
            set("dev.radsec.rewrite", "modify", "User-Name = /a/b/", "User-Name = /c/d/");
            set("dev.radsec.rewrite", "set", "Reply-Message = walk-a", "Reply-Message = walk-b");
            set("dev.radsec.rewrite", "supplement", "Class = walk-a", "Class = walk-b");
            set("dev.radsec.rewrite", "add", "Reply-Message = walk-a", "Reply-Message = walk-b");
            set("dev.radsec.listener", "protocol", "radsec", "dtls");
            set("dev.radsec.auth", "destination", "901", "902");
            with("dev.radsec.auth", "destination", Map.of("host", "", "secret", ""));
            set("dev.radsec.auth", "policy-attribute", "Class", "Filter-Id");
            set("dev.radsec.auth", "policy-roles", "walk-a=viewer", "walk-b=admin");
            set("dev.radsec.auth", "host", "127.0.0.2", "127.0.0.3");
            set("dev.radsec.pki.certificate", "certificate", "radsec/walk-a.pem", "radsec/walk-b.pem");
            set("dev.radsec.pki.certificate", "private-key", "radsec/walk-a.key", "radsec/walk-b.key");
            set("dev.radsec.pki.psk", "identity", "walk-identity-a", "walk-identity-b");
            set("dev.radsec.pki.psk", "key", "a1" + key.substring(2), "b2" + key.substring(2));
            set("dev.radsec.pki.psk", "key-file", "radsec/walk-a.psk", "radsec/walk-b.psk");
            with("dev.radsec.pki.psk", "key-file", Map.of("key", ""));
            set("dev.radsec.pki.trust", "ca", "radsec/walk-a.pem", "radsec/walk-b.pem");
            set("dev.radsec.pki.trust", "crl", "radsec/walk-a.crl", "radsec/walk-b.crl");
            set("dev.radsec.pki.trust", "crl-distribution-points", "true", "true");
            with("dev.radsec.pki.trust", "check-revocation", Map.of("crl-distribution-points", "true"));
            with("dev.radsec.incoming", "accept", Map.of("secret", "walk-incoming-secret-1"));
            set("dev.radsec.pki.bootstrap", "ca-subject", "CN=Walk A", "CN=Walk B");
            set("dev.radsec.pki.bootstrap", "server-name", "walk-a.example", "walk-b.example");
            set("dev.radsec.pki.bootstrap", "client-name", "walk-a", "walk-b");
            set("dev.radsec.pki.bootstrap", "directory", "radsec/walk-a", "radsec/walk-b");
            set("dev.radsec.server", "users", "radsec/walk-users", "radsec/walk-users");
            set("dev.radsec.server", "listener", "walk-a", "walk-b");
            set("dev.radsec.dictionary", "path", "radsec/walk.dictionary", "radsec/walk.dictionary");
        }

        private void set(String pid, String key, String cfg, String shell) {
            overrides.put(pid + " " + key, new String[] {cfg, shell});
        }

        private void with(String pid, String key, Map<String, String> others) {
            companions.put(pid + " " + key, others);
        }

        Map<String, String> companionMap(String pid, String key) {
            return companions.getOrDefault(pid + " " + key, Map.of());
        }

        /** The companions as the shell writes them: {@code " k=v k2="}. */
        String companions(String pid, String key) {
            StringBuilder b = new StringBuilder();
            companionMap(pid, key).forEach((k, v) -> b.append(' ').append(k).append('=').append(quoted(v)));
            return b.toString();
        }

        String[] of(String pid, AttributeDefinition ad) {
            String[] fixed = overrides.get(pid + " " + ad.getID());
            if (fixed != null) {
                return fixed;
            }
            String def = ad.getDefaultValue() == null || ad.getDefaultValue().length == 0 ? ""
                    : ad.getDefaultValue()[0];
            String[] options = ad.getOptionValues();
            if (options != null && options.length > 0) {
                List<String> others = Arrays.stream(options).filter(o -> !o.equalsIgnoreCase(def)).toList();
                return new String[] {others.get(others.size() - 1), others.get(0)};
            }
            switch (ad.getType()) {
                case AttributeDefinition.BOOLEAN:
                    String flipped = String.valueOf(!Boolean.parseBoolean(def));
                    return new String[] {flipped, flipped};
                case AttributeDefinition.INTEGER:
                case AttributeDefinition.LONG:
                    List<String> valid = new ArrayList<>();
                    for (String candidate : List.of("7", "9", "33", "61", "121", "600", "1200", "2000", "3000", "4000")) {
                        String check = ad.validate(candidate);
                        if (!candidate.equals(def) && (check == null || check.isEmpty())) {
                            valid.add(candidate);
                        }
                    }
                    return new String[] {valid.get(0), valid.get(1)};
                case AttributeDefinition.PASSWORD:
                    return new String[] {"walk-secret-a-0123456789", "walk-secret-b-0123456789"};
                default:
                    return new String[] {"walk-a", "walk-b"};
            }
        }
    }
}
