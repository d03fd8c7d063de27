package dev.radsec.common;

import java.util.Map;

/**
 * Checks a configuration the way its component will when ConfigAdmin delivers it, so that a write from JMX or the
 * shell is refused before it is stored rather than logged after. The bundle that owns a PID registers one as an OSGi
 * service with the service property {@value #PID} set to that (factory) PID; management looks it up by that property.
 *
 * <p>The properties are what ConfigAdmin would hold: strings as a cfg file has them, without ConfigAdmin's own keys
 * ({@code service.pid}, {@code felix.fileinstall.filename}). For a factory PID they include the instance's name under
 * {@link #NAME} when the component reads one from the file name (e.g. a relay's {@code default}).
 */
@FunctionalInterface
public interface ConfigurationValidator {
    /** The service property naming the (factory) PID a validator checks, e.g. {@code dev.radsec.relay}. */
    String PID = "radsec.pid";

    /**
     * The property that carries a factory instance's name (the suffix of {@code etc/<factoryPid>-<name>.cfg}) while it
     * is validated; never stored.
     */
    String NAME = ".radsec.name";

    /**
     * Refuses {@code properties} as the component would, or returns when it would accept them.
     *
     * @throws InvalidConfigurationException naming the key at fault and the reason
     */
    void validate(Map<String, ?> properties) throws InvalidConfigurationException;
}
