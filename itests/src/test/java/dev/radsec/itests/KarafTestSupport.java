package dev.radsec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What the Karaf integration tests share: bounded waits, writing into {@code etc/} the way an operator does, and
 * {@code karaf.log} for failure messages. Feature tests extend it for the injected {@link BundleContext} and the
 * {@link Services} opened before and closed after each test.
 */
abstract class KarafTestSupport {
    /**
     * How long a change made in {@code etc/} may take to apply: fileinstall polls every 1 s and the PKI debounces
     * 500 ms; 20 s is generous on a loaded 2-core machine.
     */
    protected static final Duration FILE_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    protected BundleContext bundleContext;

    protected Services services;

    protected KarafTestSupport() {
    }

    @Before
    public void openServices() {
        services = new Services(bundleContext);
    }

    @After
    public void closeServices() {
        services.close();
    }

    /** The installed bundle with this symbolic name, asserted to be active. */
    protected Bundle activeBundle(String symbolicName) {
        Bundle b = RadsecKaraf.bundle(bundleContext, symbolicName);
        assertNotNull("bundle " + symbolicName + " is not installed\n" + logTail(), b);
        assertEquals("state of " + b + "\n" + logTail(), Bundle.ACTIVE, b.getState());
        return b;
    }

    /** The metatype of the bundle with this symbolic name, asserted to describe the given factory PIDs. */
    protected MetaTypeInformation metatype(String symbolicName, String... factoryPids) throws InterruptedException {
        MetaTypeService metatype = services.get(MetaTypeService.class);
        Bundle bundle = RadsecKaraf.bundle(bundleContext, symbolicName);
        assertNotNull("bundle " + symbolicName + " is not installed", bundle);
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        assertNotNull("no metatype information for " + bundle + "\n" + logTail(), info);
        Set<String> described = new HashSet<>(Arrays.asList(info.getFactoryPids()));
        for (String pid : factoryPids) {
            assertTrue("factory PIDs with metatype: " + described, described.contains(pid));
        }
        return info;
    }

    /** The attribute definitions of {@code pid}, by id, in their order. */
    static Map<String, AttributeDefinition> attributes(MetaTypeInformation info, String pid) {
        ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
        assertNotNull("no OCD for " + pid + "\n" + logTail(), ocd);
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.put(ad.getID(), ad);
        }
        return attributes;
    }

    static List<String> defaults(AttributeDefinition ad) {
        return ad == null || ad.getDefaultValue() == null ? null : Arrays.asList(ad.getDefaultValue());
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for: " + what + state.get());
            }
            Thread.sleep(100);
        }
    }

    static void holds(String what, Duration window, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                fail("no longer true within " + window.toMillis() + " ms: " + what + state.get());
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
    }

    /** Writes a file the way a careful operator (or a config tool) does: a temporary name, then a rename. */
    static void writeAtomically(Path file, String content) throws IOException {
        // fileinstall only looks at *.cfg, so the temporary name is never picked up half-written.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path etc() {
        return Path.of(RadsecKaraf.property("karaf.etc")).toAbsolutePath().normalize();
    }

    static Path karafLog() {
        return Path.of(RadsecKaraf.property("karaf.data"), "log", "karaf.log");
    }

    static long logSize() {
        try {
            return Files.size(karafLog());
        } catch (IOException e) {
            return 0;
        }
    }

    static String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(karafLog());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of data/log/karaf.log, for failure messages. */
    static String logTail() {
        try {
            List<String> lines = Files.readAllLines(karafLog(), StandardCharsets.UTF_8);
            return "--- tail of " + karafLog() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read karaf.log: " + e + ")";
        }
    }

    static String list(Path directory) {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()).toString();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
