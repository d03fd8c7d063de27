package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.pki.internal.CertificateConfigurationValidator;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.pki.internal.DevelopmentPkiConfigurationValidator;
import dev.radsec.pki.internal.PskConfigurationValidator;
import dev.radsec.pki.internal.TrustConfigurationValidator;
import dev.radsec.relay.internal.IncomingConfigurationValidator;
import dev.radsec.relay.internal.RelayConfigurationValidator;
import dev.radsec.transport.internal.DestinationConfigurationValidator;
import dev.radsec.transport.internal.DictionaryConfigurationValidator;
import dev.radsec.transport.internal.ListenerConfigurationValidator;
import dev.radsec.transport.internal.RadiusServerService;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ConfigurationStore} as in Karaf with every bundle that runs a PID: the transport's, relay's and PKI's real
 * validators over the metatype bnd generated for them, and, for the bundles not on this class path (the embedded
 * server, auth), the keys of their metatype and a validator that refuses what their components do for the values
 * these tests write.
 */
public final class AllStores {
    /** What the server's validator refuses in these tests: a users file that is a directory. */
    public static final String NOT_A_USERS_FILE = "users: 'radsec' is a directory, not a users file";

    private AllStores() {
    }

    /** Over {@code cm}, files in {@code etc}; the PKI's relative paths resolve against {@code etc}. */
    public static ConfigurationStore store(MemoryConfigurationAdmin cm, Path etc) {
        ConfigurationStore store = new ConfigurationStore(cm.admin, metadata(), etc);
        RadiusServerService listeners = new RadiusServerService(null); // validates, opens nothing
        store.addValidator(new DestinationConfigurationValidator(), pid("dev.radsec.destination"));
        store.addValidator(new ListenerConfigurationValidator(), pid("dev.radsec.listener"));
        store.addValidator(new RelayConfigurationValidator(listeners), pid("dev.radsec.relay"));
        store.addValidator(new IncomingConfigurationValidator(listeners), pid("dev.radsec.incoming"));
        store.addValidator(new DictionaryConfigurationValidator(), pid("dev.radsec.dictionary"));
        CredentialRegistry registry = registry(etc);
        store.addValidator(pki(new CertificateConfigurationValidator(), registry), pid("dev.radsec.pki.certificate"));
        store.addValidator(pki(new PskConfigurationValidator(), registry), pid("dev.radsec.pki.psk"));
        store.addValidator(pki(new TrustConfigurationValidator(), registry), pid("dev.radsec.pki.trust"));
        DevelopmentPkiConfigurationValidator developmentPki = new DevelopmentPkiConfigurationValidator();
        set(developmentPki, DevelopmentPkiConfigurationValidator.class, "etc", etc);
        store.addValidator(developmentPki, pid("dev.radsec.pki.bootstrap"));
        store.addValidator(properties -> {
            if ("radsec".equals(properties.get("users"))) {
                throw new InvalidConfigurationException("users", "'radsec' is a directory, not a users file");
            }
        }, pid("dev.radsec.server"));
        store.addValidator(properties -> {
            Object order = properties.get("jaas-order");
            if (order != null && !Set.of("radius-first", "local-first").contains(order.toString())) {
                throw InvalidConfigurationException.of("jaas-order", order, "is not an order",
                        "radius-first, local-first");
            }
        }, pid("dev.radsec.auth"));
        return store;
    }

    /** The generated metatype, and the keys of the server's and auth's where that is not on the class path. */
    static KeyMetadata metadata() {
        GeneratedMetatype generated = new GeneratedMetatype();
        MapKeyMetadata others = new MapKeyMetadata()
                .pid("dev.radsec.server", Set.of(), "users", "radsec/users", "listener", "server")
                .pid("dev.radsec.auth", Set.of("secret"), "destination", "", "host", "", "port", "", "secret", "",
                        "read-timeout", "", "jaas-order", "radius-first");
        return new KeyMetadata() {
            private KeyMetadata of(String pid) {
                return others.keys(pid).isPresent() ? others : generated;
            }

            @Override
            public Optional<List<String>> keys(String pid) {
                return of(pid).keys(pid);
            }

            @Override
            public Optional<String> defaultValue(String pid, String key) {
                return of(pid).defaultValue(pid, key);
            }

            @Override
            public boolean isSecret(String pid, String key) {
                return of(pid).isSecret(pid, key);
            }

            @Override
            public Optional<String> description(String pid, String key) {
                return of(pid).description(pid, key);
            }
        };
    }

    /** The PKI's registry as its validators use it: only its base, Karaf's etc (no threads, nothing watched). */
    private static CredentialRegistry registry(Path etc) {
        CredentialRegistry registry = new CredentialRegistry();
        set(registry, CredentialRegistry.class, "base", etc);
        return registry;
    }

    private static ConfigurationValidator pki(ConfigurationValidator validator, CredentialRegistry registry) {
        set(validator, validator.getClass().getSuperclass(), "registry", registry);
        return validator;
    }

    /** Sets a DS-injected field, as SCR does. */
    private static void set(Object target, Class<?> type, String field, Object value) {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getSimpleName() + "." + field, e);
        }
    }

    private static Map<String, Object> pid(String pid) {
        return Map.of(ConfigurationValidator.PID, pid);
    }
}
