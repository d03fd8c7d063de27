package dev.radsec.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Shared Pax Exam configuration: a real Karaf (version from the build) plus our features repository.
 *
 * <p>Versions and the local Maven repository come from system properties that failsafe sets
 * (see itests/pom.xml). The Karaf under test resolves {@code mvn:} URLs from that local repository,
 * so bundles must have been installed ({@code mvn install}) before the tests run.
 *
 * <p>If a feature fails to install, Pax Exam reports a misleading
 * {@code ClassNotFoundException ... PAXEXAM-PROBE}; the real cause is in
 * {@code itests/target/exam/<uuid>/data/log/karaf.log} (the runtime folder is kept for that reason).
 */
public final class RadsecKaraf {

    private RadsecKaraf() {
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven (failsafe)");
        }
        return value;
    }

    /** {@code mvn:dev.radsec/radsec-features/<version>/xml/features} */
    public static MavenArtifactUrlReference featuresRepository() {
        return maven("dev.radsec", "radsec-features", property("radsec.version"))
                .classifier("features").type("xml");
    }

    /**
     * The JVM options Karaf's own {@code bin/karaf} passes on Java 9+, which Pax Exam's launcher leaves out.
     * Without them Karaf's specs activator fails with {@code NoClassDefFoundError: OsgiLocator} and code that
     * needs the opened JDK packages (RMI/JMX, java.security) behaves differently from a real Karaf.
     * Paths are relative to the Karaf home, the launcher's working directory.
     */
    static Option karafJdk9PlusOptions(String karafVersion) {
        return vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module=java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module=java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens=java.base/java.security=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED");
    }

    /** Karaf with our features repository added and the given features installed. */
    public static Option karafWithFeatures(String... radsecFeatures) {
        String karafVersion = property("karaf.version");
        MavenArtifactUrlReference karaf = maven("org.apache.karaf", "apache-karaf", karafVersion)
                .type("tar.gz");
        return composite(
                karafDistributionConfiguration()
                        .frameworkUrl(karaf)
                        .name("Apache Karaf")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                karafJdk9PlusOptions(karafVersion),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", property("maven.repo.local")),
                features(featuresRepository(), radsecFeatures));
    }

    /**
     * Remote JMX on ports of its own (so a Karaf already running on this machine does not matter) and the local
     * users {@code karaf/karaf} (admin) and {@code viewer/viewer} (viewer only) in {@code etc/users.properties}.
     */
    public static Option jmxWithLocalUsers() throws java.io.IOException {
        return composite(
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        String.valueOf(KarafTestSupport.freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        String.valueOf(KarafTestSupport.freeTcpPort())),
                editConfigurationFilePut("etc/users.properties", "karaf", "karaf,admin,manager,viewer,systembundles,ssh"),
                editConfigurationFilePut("etc/users.properties", "viewer", "viewer,viewer"));
    }

    /** The installed bundle with this symbolic name, or null. */
    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
