package dev.radsec.management.internal.shell;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.internal.ConfigurationKind;
import dev.radsec.management.internal.ConfigurationStore;
import dev.radsec.management.internal.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write commands as Karaf runs them (fields injected, then {@code execute}) over an in-memory ConfigAdmin with
 * the bundles' validators: one syntax, files in {@code etc/}, refusals with key and reason, and no secret printed.
 */
class ConfigurationCommandsTest {
    private static final String SECRET = "typed-secret-never-echoed";

    @TempDir
    Path etc;
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();

    @Test
    void destinationAddSetDisableEnableRemove() throws Exception {
        ConfigurationStore store = TestStores.store(cm, etc);
        String added = run(instance(new DestinationAddCommand(), store, "7", "address=192.0.2.7", "protocol=radsec",
                "tls-certificate=client", "secret=" + SECRET));
        assertEquals("Destination 7 added in etc/dev.radsec.destination-7.cfg: address=192.0.2.7, protocol=radsec, "
                + "tls-certificate=client, secret=******\n", added);
        Path file = etc.resolve("dev.radsec.destination-7.cfg");
        assertTrue(Files.readString(file).contains("secret = " + SECRET), "the file holds it");

        String set = run(instance(new DestinationSetCommand(), store, "7", "timeout=7", "retries=2"));
        assertEquals("Destination 7 changed in etc/dev.radsec.destination-7.cfg: timeout=7, retries=2\n", set);
        assertEquals("7", cm.properties("dev.radsec.destination~7").get("timeout"));

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new DestinationSetCommand(), store, "7", "retries=11", "secret=" + SECRET + "2")));
        assertTrue(bad.getMessage().startsWith("retries: "), bad.getMessage());
        assertFalse(bad.getMessage().contains(SECRET), bad.getMessage());
        assertEquals("2", cm.properties("dev.radsec.destination~7").get("retries"), "nothing changed");

        assertEquals("Destination 7 disabled in etc/dev.radsec.destination-7.cfg: disabled=true\n",
                run(instance(new DestinationDisableCommand(), store, "7")));
        assertEquals("true", cm.properties("dev.radsec.destination~7").get("disabled"));
        assertEquals("Destination 7 enabled in etc/dev.radsec.destination-7.cfg\n",
                run(instance(new DestinationEnableCommand(), store, "7")));
        assertFalse(cm.properties("dev.radsec.destination~7").containsKey("disabled"));

        assertEquals("Destination 7 removed, etc/dev.radsec.destination-7.cfg deleted\n",
                run(instance(new DestinationRemoveCommand(), store, "7")));
        assertFalse(Files.exists(file));
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new DestinationRemoveCommand(), store, "7")));
        assertEquals("id: no destination 7 is configured", gone.getMessage());
    }

    @Test
    void relaysListenersAndIncomingInTheSameSyntax() throws Exception {
        ConfigurationStore store = TestStores.store(cm, etc);
        String relay = run(instance(new RelayAddCommand(), store, "branch", "secret=" + SECRET, "destinations=1, 2",
                "clients=\"10.0.0.0/8, 127.0.0.1/32\""));
        assertEquals("Relay branch added in etc/dev.radsec.relay-branch.cfg: secret=******, destinations=1, 2, "
                + "clients=10.0.0.0/8, 127.0.0.1/32\n", relay);
        run(instance(new RelaySetCommand(), store, "branch", "auth-port=11812"));
        assertEquals("11812", cm.properties("dev.radsec.relay~branch").get("auth-port"));
        run(instance(new RelayRemoveCommand(), store, "branch"));
        assertFalse(Files.exists(etc.resolve("dev.radsec.relay-branch.cfg")));

        run(instance(new ListenerAddCommand(), store, "aps", "protocol=udp", "port=11645", "secret=" + SECRET));
        assertEquals("11645", cm.properties("dev.radsec.listener~aps").get("port"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new ListenerSetCommand(), store, "aps", "prot=1645")));
        assertTrue(typo.getMessage().startsWith("prot: is not a key of dev.radsec.listener"), typo.getMessage());
        run(instance(new ListenerRemoveCommand(), store, "aps"));

        IncomingSetCommand incoming = new IncomingSetCommand();
        incoming.store = store;
        incoming.settings = List.of("accept=true", "secret=" + SECRET);
        assertEquals("Incoming changed in etc/dev.radsec.incoming.cfg: accept=true, secret=******\n", run(incoming));
        assertEquals("true", cm.properties("dev.radsec.incoming").get("accept"));
    }

    @Test
    void rewritesAreAddedChangedAndRemovedInTheSameSyntax() throws Exception {
        ConfigurationStore store = TestStores.store(cm, etc);
        String added = run(instance(new RewriteAddCommand(), store, "eduroam-visited",
                "remove=reply:Tunnel-Type, reply:Tunnel-Private-Group-Id",
                "supplement=request:Operator-Name = 1example.org"));
        assertEquals("Rewrite eduroam-visited added in etc/dev.radsec.rewrite-eduroam-visited.cfg: "
                + "remove=reply:Tunnel-Type, reply:Tunnel-Private-Group-Id, "
                + "supplement=request:Operator-Name = 1example.org\n", added);
        assertTrue(Files.readString(etc.resolve("dev.radsec.rewrite-eduroam-visited.cfg"))
                .contains("supplement = request:Operator-Name = 1example.org"));

        run(instance(new RewriteSetCommand(), store, "eduroam-visited", "modify=User-Name = /^(.*)@local$/$1@example.org/"));
        assertEquals("User-Name = /^(.*)@local$/$1@example.org/",
                cm.properties("dev.radsec.rewrite~eduroam-visited").get("modify"));
        IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> run(instance(
                new RewriteSetCommand(), store, "eduroam-visited", "modify=User-Name = /(/x/")));
        assertTrue(regex.getMessage().startsWith("modify: '(' is not a regular expression"), regex.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> run(instance(
                new RewriteSetCommand(), store, "eduroam-visited", "remove=Tunnel-Tipe")));
        assertTrue(unknown.getMessage().startsWith("remove: 'Tunnel-Tipe' is not an attribute of the dictionary"),
                unknown.getMessage());
        assertEquals("reply:Tunnel-Type, reply:Tunnel-Private-Group-Id",
                cm.properties("dev.radsec.rewrite~eduroam-visited").get("remove"), "the running one stays");

        run(instance(new RewriteRemoveCommand(), store, "eduroam-visited"));
        assertFalse(Files.exists(etc.resolve("dev.radsec.rewrite-eduroam-visited.cfg")));
        assertEquals(Optional.of(ConfigurationKind.REWRITE), ConfigurationKind.ofCommand("radsec:rewrite-set"));
    }

    @Test
    void wordsThatAreNotKeyValueAreRefusedBeforeAnythingIsWritten() {
        ConfigurationStore store = TestStores.store(cm, etc);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new DestinationAddCommand(), store, "7", "address", "192.0.2.7")));
        assertEquals("'address' is not key=value", e.getMessage());
        assertTrue(cm.stored.isEmpty());
    }

    @Test
    void aCommandWritesTheKindItsNameSays() {
        assertEquals(Optional.of(ConfigurationKind.DESTINATION), ConfigurationKind.ofCommand("radsec:destination-set"));
        assertEquals(Optional.of(ConfigurationKind.RELAY), ConfigurationKind.ofCommand("relay-remove"));
        assertEquals(Optional.of(ConfigurationKind.LISTENER), ConfigurationKind.ofCommand("radsec:listener-add"));
        assertEquals(Optional.empty(), ConfigurationKind.ofCommand("radsec:destinations"));
    }

    private static <T extends InstanceCommand> T instance(T command, ConfigurationStore store, String name,
            String... settings) {
        command.store = store;
        command.name = name;
        if (command instanceof AddCommand add) {
            add.settings = List.of(settings);
        } else if (command instanceof SetCommand set) {
            set.settings = List.of(settings);
        }
        return command;
    }

    /** What {@code command} prints. */
    private static String run(org.apache.karaf.shell.api.action.Action command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
