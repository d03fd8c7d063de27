package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.ObjectNames;
import dev.radsec.management.RewriteMXBean;
import dev.radsec.management.RewritesMXBean;
import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dev.radsec:type=Rewrites} and {@code dev.radsec:type=Rewrite,name=<name>}, registered as {@link RewriteMBeans}
 * does, over an in-memory ConfigAdmin with the relay's validator and metatype: created and removed with their files,
 * settings read and written by key and validated, counters from the relay.
 */
class RewriteMBeansTest {
    @TempDir
    Path etc;
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    private final List<RewriteStatistics> running = new ArrayList<>();
    private final RewriteMonitor monitor = new RewriteMonitor() {
        @Override
        public List<RewriteStatistics> rewrites() {
            return running;
        }

        @Override
        public Optional<RewriteStatistics> rewrite(String name) {
            return running.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    };

    @Test
    void aRewriteIsCreatedReadWrittenCountedAndRemoved() throws Exception {
        ConfigurationStore store = TestStores.store(cm, etc);
        RewriteMBeans beans = new RewriteMBeans(server, store, monitor);
        beans.activate();
        try {
            RewritesMXBean rewrites = JMX.newMXBeanProxy(server, ObjectNames.rewrites(), RewritesMXBean.class);
            rewrites.create("eduroam-visited", Map.of("remove", "reply:Tunnel-Type, reply:Tunnel-Medium-Type",
                    "supplement", "request:Operator-Name = 1example.org"));
            assertTrue(Files.exists(etc.resolve("dev.radsec.rewrite-eduroam-visited.cfg")));
            server.invoke(ObjectNames.rewrites(), "create", new Object[] {"tag",
                "\"add=Class = visited\""}, new String[] {String.class.getName(), String.class.getName()});
            assertArrayEquals(new String[] {"eduroam-visited", "tag"}, rewrites.getNames());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> rewrites.create("bad", Map.of("modify", "User-Name = /(/x/")));
            assertTrue(bad.getMessage().startsWith("modify: '(' is not a regular expression"), bad.getMessage());
            assertFalse(Files.exists(etc.resolve("dev.radsec.rewrite-bad.cfg")));

            running.add(new RewriteStatistics("eduroam-visited", "", 10, 4, 8, 2, 0));
            beans.sync();
            ObjectName name = ObjectNames.rewrite("eduroam-visited");
            assertTrue(server.isRegistered(name));
            assertTrue(server.isRegistered(ObjectNames.rewrite("tag")), "configured: shown even before it runs");
            RewriteMXBean visited = JMX.newMXBeanProxy(server, name, RewriteMXBean.class);
            assertEquals("eduroam-visited", visited.getName());
            assertEquals(List.of(10L, 4L, 8L, 2L, 0L), List.of(visited.getPackets(), visited.getTouched(),
                    visited.getRemoved(), visited.getAdded(), visited.getModified()));
            assertTrue(visited.isActive());
            assertEquals("reply:Tunnel-Type, reply:Tunnel-Medium-Type", visited.getRemove());
            assertEquals("request:Operator-Name = 1example.org", visited.getSupplement());
            assertEquals("", visited.getModify());
            assertFalse(JMX.newMXBeanProxy(server, ObjectNames.rewrite("tag"), RewriteMXBean.class).isActive());

            server.setAttribute(name, new Attribute("Set", "Reply-Message = \"welcome, visitor\""));
            assertEquals("Reply-Message = \"welcome, visitor\"",
                    cm.properties("dev.radsec.rewrite~eduroam-visited").get("set"));
            RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                    () -> server.setAttribute(name, new Attribute("RemoveVendor", "NoSuchVendor")));
            assertTrue(refused.getCause().getMessage().startsWith("remove-vendor: 'NoSuchVendor' is not a vendor"),
                    refused.getCause().getMessage());
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                assertTrue(a.getDescriptor().getFieldValue("openType") != null, a.getName() + " is an open type");
                if (a.getName().equals("Modify")) {
                    assertTrue(a.getDescription().startsWith("modify: "), "described by its metatype");
                }
            }
            assertFalse(server.getMBeanInfo(name).getAttributes()[0].getName().isEmpty());

            rewrites.remove("tag");
            running.clear();
            beans.sync();
            assertFalse(server.isRegistered(ObjectNames.rewrite("tag")));
            assertFalse(Files.exists(etc.resolve("dev.radsec.rewrite-tag.cfg")));
        } finally {
            beans.deactivate();
        }
        assertFalse(server.isRegistered(ObjectNames.rewrites()));
    }
}
