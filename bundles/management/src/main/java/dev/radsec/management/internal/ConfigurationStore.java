package dev.radsec.management.internal;

import dev.radsec.common.CfgFile;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The RadSec configurations in ConfigAdmin, as JMX and the shell write them: found, listed, created, changed several
 * keys at a time and removed, for any {@link ConfigurationKind}. Everything goes through ConfigAdmin, so
 * {@code etc/} stays the source of truth:
 * <ul>
 *   <li>a new instance is written to {@code etc/<factoryPid>-<name>.cfg} ({@code etc/<pid>.cfg} for a singleton)
 *       and stored under the named factory configuration {@code <factoryPid>~<name>}, as Karaf's
 *       {@code config:edit --alias} and FileInstall itself do, so the file and the configuration are one;</li>
 *   <li>Karaf's FileInstall writes every later change to that file, and deletes it when the configuration is
 *       deleted (and so do we, should it not have);</li>
 *   <li>each write is validated first by the {@link ConfigurationValidator} service the bundle that runs the PID
 *       registers, so a bad value is refused with {@code key: reason} as an {@link IllegalArgumentException}, nothing
 *       is stored and the running configuration stays. Keys the PID's metatype does not define are refused too (a
 *       typo would otherwise be stored and ignored).</li>
 * </ul>
 * Secret values never appear in the messages it throws.
 */
@Component(service = ConfigurationStore.class)
public final class ConfigurationStore {
    /** Where FileInstall keeps the file a configuration came from (a {@code file:} URI). */
    static final String FILE = "felix.fileinstall.filename";
    /** An instance name that is also a safe file name suffix. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_@-]*(\\.[A-Za-z0-9_@-]+)*");
    /** Secret by their name, where no metatype says so (or none is installed). */
    private static final Pattern SECRET_NAME = Pattern.compile("secret|.*-secret|.*password.*|key");

    /** Checks the properties a PID would get; refuses with {@code key: reason}. */
    @FunctionalInterface
    public interface Validation {
        /** @throws IllegalArgumentException naming the key and the reason */
        void validate(String pid, Map<String, ?> properties);
    }

    @Reference
    private ConfigurationAdmin admin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetaTypeService metaTypes;
    private final Map<String, ConfigurationValidator> validators = new ConcurrentHashMap<>();
    private Validation validation = this::validateByService;
    private KeyMetadata keys = KeyMetadata.NONE;
    /** Karaf's {@code etc/}; null when there is none (no files are written then). */
    private Path etc;

    public ConfigurationStore() {
    }

    /** Plain-Java use and tests: validation and key metadata as given, files in {@code etc} (null: none). */
    ConfigurationStore(ConfigurationAdmin admin, Validation validation, KeyMetadata keys, Path etc) {
        this.admin = admin;
        this.validation = validation;
        this.keys = keys;
        this.etc = etc;
    }

    /** Plain-Java use and tests: validated by the validators {@link #addValidator added}. */
    ConfigurationStore(ConfigurationAdmin admin, KeyMetadata keys, Path etc) {
        this.admin = admin;
        this.keys = keys;
        this.etc = etc;
    }

    @Activate
    void activate(BundleContext context) {
        String karafEtc = context.getProperty("karaf.etc");
        etc = karafEtc == null ? null : Path.of(karafEtc).toAbsolutePath().normalize();
        keys = new MetaTypeKeys(context, () -> metaTypes);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        Object pid = properties.get(ConfigurationValidator.PID);
        if (pid != null) {
            validators.put(pid.toString(), validator);
        }
    }

    void removeValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        Object pid = properties.get(ConfigurationValidator.PID);
        if (pid != null) {
            validators.remove(pid.toString(), validator);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The names of the instances of a factory kind that have one, sorted (ids by number). */
    public List<String> names(ConfigurationKind kind) {
        List<String> names = new ArrayList<>();
        for (Configuration c : list(kind)) {
            String name = kind.nameOf(all(c.getProperties()));
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        names.sort(Comparator.comparing((String n) -> n.matches("\\d{1,9}") ? Integer.parseInt(n) : Integer.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder()));
        return names;
    }

    /** The configuration of the named instance (of a singleton kind: its one configuration), if there is one. */
    public Optional<Configuration> find(ConfigurationKind kind, String name) {
        for (Configuration c : list(kind)) {
            if (!kind.factory() || name.equals(kind.nameOf(all(c.getProperties())))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The stored settings of the named instance, without ConfigAdmin's and Karaf's own keys; empty when none. */
    public Map<String, Object> stored(ConfigurationKind kind, String name) {
        return configured(kind, name).orElse(Map.of());
    }

    /** The stored settings of the named instance, as {@link #stored}; empty when it has no configuration. */
    public Optional<Map<String, Object>> configured(ConfigurationKind kind, String name) {
        return find(kind, name).map(c -> settings(c.getProperties()));
    }

    /** The file in {@code etc/} the named instance is kept in, if it has one. */
    public Optional<Path> file(ConfigurationKind kind, String name) {
        return find(kind, name).flatMap(c -> fileOf(c.getProperties()));
    }

    /** Whether {@code key} of {@code pid} is a secret, whose value is never shown (metatype PASSWORD, or its name). */
    public boolean isSecret(String pid, String key) {
        return keys.isSecret(pid, key) || SECRET_NAME.matcher(key).matches();
    }

    /**
     * {@code value} of {@code key} as it may be shown: a secret as the mask when set, the networks of
     * {@code clients} with their secrets masked, anything else as it is.
     */
    public String shown(String pid, String key, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (isSecret(pid, key)) {
            return KeyValues.MASK;
        }
        return key.equals(ClientSecrets.KEY) ? ClientSecrets.masked(value) : value;
    }

    KeyMetadata keys() {
        return keys;
    }

    /** {@code etc/<file>} for a file in Karaf's {@code etc/}, else the path. */
    public String shown(Path file) {
        return etc != null && file.getParent() != null && file.getParent().equals(etc) ? "etc/" + file.getFileName()
                : file.toString();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Creates an instance with these settings (empty values left out), written to {@code etc/<factoryPid>-<name>.cfg}
     * ({@code etc/<pid>.cfg} for a singleton). A destination gets its {@code id} key from the name.
     *
     * @return the file written; empty where there is no {@code etc/}
     * @throws IllegalArgumentException {@code key: reason} when the instance exists, a key is no key of the PID, or
     *                                  its validator refuses; nothing is written then
     * @throws IllegalStateException    when no validator for the PID runs, or ConfigAdmin fails
     */
    public synchronized Optional<Path> create(ConfigurationKind kind, String name, Map<String, String> settings) {
        if (kind.factory() && (name == null || !NAME.matcher(name).matches())) {
            throw new IllegalArgumentException(subject(kind) + ": '" + name + "' is no name for " + kind.noun()
                    + " (letters, digits, '-', '_', '@', '.'; it names the file " + kind.fileName("<name>") + ")");
        }
        Optional<Configuration> existing = find(kind, name);
        if (existing.isPresent()) {
            throw new IllegalArgumentException(subject(kind) + ": " + kind.describe(name) + " exists already"
                    + existing.flatMap(c -> fileOf(c.getProperties())).map(f -> " (" + shown(f) + ")").orElse(""));
        }
        Map<String, String> next = new LinkedHashMap<>();
        if (kind.factory() && !kind.namedByKaraf()) {
            next.put(kind.identityKey(), name);
        }
        settings.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                next.put(key, unmasked(kind, key, value.trim(), null));
            }
        });
        checkKeys(kind, name, next);
        validate(kind, name, next);
        try {
            Configuration c = kind.factory() ? admin.getFactoryConfiguration(kind.pid(), name, "?")
                    : admin.getConfiguration(kind.pid(), "?");
            if (c.getProperties() != null) {
                throw new IllegalArgumentException(subject(kind) + ": " + c.getPid() + " exists already");
            }
            Path file = etc == null ? null : etc.resolve(kind.fileName(name));
            if (file != null && Files.exists(file)) {
                throw new IllegalArgumentException(subject(kind) + ": " + shown(file) + " exists already");
            }
            Hashtable<String, Object> properties = new Hashtable<>(next);
            if (file != null) {
                CfgFile.write(file, next); // first, as Karaf's config:edit does: FileInstall writes back only to a file that exists
                properties.put(FILE, file.toFile().getAbsoluteFile().toURI().toString());
            }
            try {
                c.update(properties);
            } catch (IOException | RuntimeException e) {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
            return Optional.ofNullable(file);
        } catch (IOException e) {
            throw new IllegalStateException(kind.describe(name) + " not created: " + e.getMessage(), e);
        }
    }

    /**
     * Changes several keys of the named instance at once (an empty value removes the key); of a singleton without
     * a configuration yet, creates it. The instance keeps its name: its {@code id} or {@code name} does not change.
     *
     * @return the instance's file, which Karaf rewrites; empty when it has none
     * @throws IllegalArgumentException {@code key: reason} when there is no such instance, a key is no key of the
     *                                  PID, or its validator refuses the result; nothing changes then
     */
    public synchronized Optional<Path> set(ConfigurationKind kind, String name, Map<String, String> changes) {
        Optional<Configuration> found = find(kind, name);
        if (found.isEmpty()) {
            if (!kind.factory()) {
                return create(kind, name, changes);
            }
            throw new IllegalArgumentException(subject(kind) + ": no " + kind.describe(name) + " is configured");
        }
        Configuration c = found.get();
        Dictionary<String, Object> current = c.getProperties();
        Map<String, Object> all = all(current);
        Map<String, Object> next = settings(current);
        Map<String, String> given = new LinkedHashMap<>();
        changes.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                all.remove(key);
                next.remove(key);
            } else {
                String v = unmasked(kind, key, value.trim(), next.get(key));
                all.put(key, v);
                next.put(key, v);
                given.put(key, v);
            }
        });
        if (kind.factory() && !name.equals(kind.nameOf(all))) {
            throw new IllegalArgumentException(kind.identityKey() + ": names " + kind.describe(name) + " in JMX, the shell"
                    + " and its file, and does not change; remove it and add it under the new name");
        }
        checkKeys(kind, name, given);
        validate(kind, name, next);
        Hashtable<String, Object> update = new Hashtable<>(); // ConfigAdmin's and Karaf's keys too: they stay
        all.forEach(update::put);
        try {
            c.update(update);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not store " + kind.describe(name) + ": " + e.getMessage(), e);
        }
        return fileOf(current);
    }

    /**
     * Deletes the named instance's configuration, and so its file.
     *
     * @return the file deleted; empty when it had none
     * @throws IllegalArgumentException when there is no such instance
     */
    public synchronized Optional<Path> remove(ConfigurationKind kind, String name) {
        Configuration c = find(kind, name).orElseThrow(() -> new IllegalArgumentException(
                subject(kind) + ": no " + kind.describe(name) + " is configured"));
        Optional<Path> file = fileOf(c.getProperties());
        try {
            c.delete(); // FileInstall deletes the file on this event, some time after; we make sure now
            if (file.isPresent()) {
                Files.deleteIfExists(file.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(kind.describe(name) + " not removed: " + e.getMessage(), e);
        }
        return file;
    }

    // ---------------------------------------------------------------- checks

    /**
     * A value written back as it was shown: a secret given as the mask keeps the secret {@code stored}, and so do
     * the masked networks of {@code clients}.
     */
    private String unmasked(ConfigurationKind kind, String key, String value, Object stored) {
        if (isSecret(kind.pid(), key) && value.equals(KeyValues.MASK)) {
            if (stored == null || stored.toString().isBlank()) {
                throw new IllegalArgumentException(key + ": no secret is set to keep; give it instead of "
                        + KeyValues.MASK);
            }
            return stored.toString().trim();
        }
        if (key.equals(ClientSecrets.KEY) && value.contains(KeyValues.MASK)) {
            return ClientSecrets.unmasked(value, stored == null ? null : stored.toString());
        }
        return value;
    }

    private void checkKeys(ConfigurationKind kind, String name, Map<String, String> settings) {
        Optional<List<String>> known = keys.keys(kind.pid());
        for (String key : settings.keySet()) {
            if (key.contains(".")) {
                throw new IllegalArgumentException(key + ": is not a setting (ConfigAdmin's and Karaf's own keys are "
                        + "not written from outside)");
            }
            if (known.isPresent() && !known.get().contains(key)) {
                throw new IllegalArgumentException(key + ": is not a key of " + kind.pid() + " ("
                        + String.join(", ", known.get()) + ")");
            }
        }
        if (kind.factory() && kind.namedByKaraf() && settings.containsKey(kind.identityKey())
                && !settings.get(kind.identityKey()).equals(name)) {
            throw new IllegalArgumentException(kind.identityKey() + ": '" + settings.get(kind.identityKey())
                    + "' is not the " + kind.noun() + "'s name " + name);
        }
        if (kind.factory() && !kind.namedByKaraf() && !name.equals(settings.getOrDefault(kind.identityKey(), name))) {
            throw new IllegalArgumentException(kind.identityKey() + ": '" + settings.get(kind.identityKey())
                    + "' is not the " + kind.noun() + "'s " + kind.identityKey() + " " + name);
        }
    }

    private void validate(ConfigurationKind kind, String name, Map<String, ?> settings) {
        Map<String, Object> properties = new LinkedHashMap<>(settings);
        if (kind.namedByKaraf()) {
            properties.put(ConfigurationValidator.NAME, name);
        }
        try {
            validation.validate(kind.pid(), Collections.unmodifiableMap(properties));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(masked(kind, settings, e.getMessage()));
        }
    }

    private void validateByService(String pid, Map<String, ?> properties) {
        ConfigurationValidator validator = validators.get(pid);
        if (validator == null) {
            throw new IllegalStateException(pid + ": nothing validates it now (is the bundle that runs it active?); "
                    + "nothing was written");
        }
        try {
            validator.validate(properties);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage()); // no cause: a remote JMX client has none of our classes
        }
    }

    /** {@code message} with every secret value of {@code settings} replaced by the mask. */
    private String masked(ConfigurationKind kind, Map<String, ?> settings, String message) {
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue().toString();
            if (!value.isBlank() && isSecret(kind.pid(), e.getKey())) {
                secrets.add(value.trim());
            } else if (e.getKey().equals(ClientSecrets.KEY)) {
                secrets.addAll(ClientSecrets.secrets(value));
            }
        }
        String out = message == null ? "" : message;
        for (String secret : secrets) {
            out = out.replace("'" + secret + "'", "'" + KeyValues.MASK + "'");
            if (secret.length() >= 4) { // shorter ones would mask letters of the message, and are not secret anyway
                out = out.replace(secret, KeyValues.MASK);
            }
        }
        return out;
    }

    private static String subject(ConfigurationKind kind) {
        return kind.identityKey() != null ? kind.identityKey() : kind.noun();
    }

    // ---------------------------------------------------------------- ConfigAdmin

    private List<Configuration> list(ConfigurationKind kind) {
        String filter = kind.factory() ? "(service.factoryPid=" + kind.pid() + ")" : "(service.pid=" + kind.pid() + ")";
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage(), e);
        }
    }

    /** Every property, ConfigAdmin's and Karaf's too (a factory instance's name may come from them). */
    private static Map<String, Object> all(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                m.put(k, d.get(k));
            }
        }
        return m;
    }

    /** The settings only: ConfigAdmin's and Karaf's keys hold a dot ({@code service.pid}, {@code felix.*}). */
    private static Map<String, Object> settings(Dictionary<String, Object> d) {
        Map<String, Object> m = all(d);
        m.keySet().removeIf(k -> k.contains("."));
        return m;
    }

    private static Optional<Path> fileOf(Dictionary<String, Object> d) {
        Object value = d == null ? null : d.get(FILE);
        try {
            if (value instanceof URL url) {
                return Optional.of(Path.of(url.toURI()));
            } else if (value instanceof URI uri) {
                return Optional.of(Path.of(uri));
            } else if (value != null) {
                return Optional.of(Path.of(URI.create(value.toString())));
            }
        } catch (Exception e) {
            // not a file URI: no file to name
        }
        return Optional.empty();
    }
}
