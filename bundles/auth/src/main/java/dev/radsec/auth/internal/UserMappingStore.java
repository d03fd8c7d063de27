package dev.radsec.auth.internal;

import dev.radsec.common.CfgFile;
import dev.radsec.common.ConfigReader;
import dev.radsec.auth.UserMapping;
import dev.radsec.auth.UserMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link UserMappings} kept in ConfigAdmin, one {@code dev.radsec.auth.user} factory configuration per user, so a
 * mapping made here appears as {@code etc/dev.radsec.auth.user-<username>.cfg} in Karaf (fileinstall writes it, as
 * Karaf's {@code config:edit} does) and one written there appears here.
 */
final class UserMappingStore implements UserMappings {
    static final String FACTORY_PID = "dev.radsec.auth.user";
    private static final String FILEINSTALL_FILE = CfgFile.FILEINSTALL_FILE;

    private final ConfigurationAdmin admin;
    /** How usernames compare: as configured ({@code username-case-sensitive}). */
    private final UnaryOperator<String> key;

    UserMappingStore(ConfigurationAdmin admin, UnaryOperator<String> key) {
        this.admin = admin;
        this.key = key;
    }

    @Override
    public void put(String username, List<String> policies) {
        String name = username == null ? "" : username.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("username: is required");
        }
        for (String policy : policies) {
            if (policy == null || policy.isBlank() || policy.contains(",")) {
                throw new IllegalArgumentException("policies: '" + policy + "' is empty or holds a comma");
            }
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("username", name);
        properties.put("policies", String.join(",", policies.stream().map(String::trim).toArray(String[]::new)));
        try {
            Configuration c = find(name).orElse(null);
            if (c == null) {
                c = admin.getFactoryConfiguration(FACTORY_PID, fileSafe(name), "?");
                Optional<Path> file = CfgFile.inEtc(FACTORY_PID + "-" + fileSafe(name));
                if (file.isPresent()) {
                    // as Karaf's config:edit does: the file first, then the configuration that names it
                    Map<String, String> text = new LinkedHashMap<>();
                    text.put("username", name);
                    text.put("policies", String.valueOf(properties.get("policies")));
                    CfgFile.write(file.get(), text);
                    properties.put(FILEINSTALL_FILE, file.get().toUri().toString());
                }
            } else if (c.getProperties().get(FILEINSTALL_FILE) != null) {
                properties.put(FILEINSTALL_FILE, c.getProperties().get(FILEINSTALL_FILE));
            }
            c.update(properties);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not store the mapping of " + name + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<UserMapping> get(String username) {
        return find(username == null ? "" : username.trim()).map(UserMappingStore::mapping);
    }

    @Override
    public List<String> list() {
        TreeSet<String> names = new TreeSet<>();
        for (Configuration c : all()) {
            Object u = c.getProperties() == null ? null : c.getProperties().get("username");
            if (u != null && !String.valueOf(u).isBlank()) {
                names.add(String.valueOf(u).trim());
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public boolean delete(String username) {
        Optional<Configuration> c = find(username == null ? "" : username.trim());
        if (c.isEmpty()) {
            return false;
        }
        try {
            // the file first: fileinstall would bring a configuration back from a file still there
            Object file = c.get().getProperties().get(FILEINSTALL_FILE);
            if (file != null) {
                Files.deleteIfExists(Path.of(java.net.URI.create(String.valueOf(file))));
            }
            c.get().delete();
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not delete the mapping of " + username + ": " + e.getMessage());
        }
    }

    private Optional<Configuration> find(String username) {
        String wanted = key.apply(username);
        for (Configuration c : all()) {
            Object u = c.getProperties() == null ? null : c.getProperties().get("username");
            if (u != null && key.apply(String.valueOf(u).trim()).equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private List<Configuration> all() {
        try {
            Configuration[] found = admin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage());
        }
    }

    private static UserMapping mapping(Configuration c) {
        Object policies = c.getProperties().get("policies");
        return new UserMapping(String.valueOf(c.getProperties().get("username")).trim(),
                ConfigReader.items(policies));
    }

    /** A factory configuration name from a username: letters, digits, '.', '_', '-' kept, the rest as '_'. */
    private static String fileSafe(String username) {
        return username.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
