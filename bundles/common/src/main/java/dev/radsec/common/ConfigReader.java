package dev.radsec.common;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of one ConfigAdmin configuration (an {@code etc/*.cfg} file gives every value as a string; the web
 * console may give numbers, booleans and arrays). A bad value is refused with an
 * {@link InvalidConfigurationException} in one format: {@code key: 'value' reason (allowed)}. Every read is
 * remembered, so {@link #unknownKeys()} can name the keys nothing read: typos an operator should hear about.
 * Not thread-safe: one reader per parse.
 */
public final class ConfigReader {
    private final Map<String, ?> properties;
    private final Set<String> read = new HashSet<>();
    /** Other spellings accepted for a key (Vault's nas_port for nas-port), alias to key. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public ConfigReader(Map<String, ?> properties) {
        this.properties = properties;
    }

    /** Accepts {@code alias} as another spelling of {@code key}; the key wins when both are set. */
    public ConfigReader alias(String alias, String key) {
        aliases.put(alias, key);
        return this;
    }

    /** The raw value of {@code key} (or of an alias of it), remembered as read. */
    public Object get(String key) {
        read.add(key);
        Object v = properties.get(key);
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (a.getValue().equals(key)) {
                read.add(a.getKey());
                if (v == null) {
                    v = properties.get(a.getKey());
                }
            }
        }
        return v;
    }

    /** The trimmed text of {@code key}; {@code def} when it is absent or blank. */
    public String string(String key, String def) {
        Object v = get(key);
        String s = v == null ? "" : v.toString().trim();
        return s.isEmpty() ? def : s;
    }

    public String required(String key) throws InvalidConfigurationException {
        String s = string(key, null);
        if (s == null) {
            throw new InvalidConfigurationException(key, "is required");
        }
        return s;
    }

    /** A whole number within {@code min}-{@code max}; {@code def} when absent. */
    public long number(String key, long def, long min, long max) throws InvalidConfigurationException {
        Long n = numberOrNull(key, min, max);
        return n == null ? def : n;
    }

    public long requiredNumber(String key, long min, long max) throws InvalidConfigurationException {
        Long n = numberOrNull(key, min, max);
        if (n == null) {
            throw new InvalidConfigurationException(key, "is required (" + min + "-" + max + ")");
        }
        return n;
    }

    private Long numberOrNull(String key, long min, long max) throws InvalidConfigurationException {
        Object v = get(key);
        if (v instanceof Number) {
            return inRange(key, ((Number) v).longValue(), min, max);
        }
        String s = string(key, null);
        if (s == null) {
            return null;
        }
        try {
            return inRange(key, Long.parseLong(s), min, max);
        } catch (NumberFormatException e) {
            throw InvalidConfigurationException.of(key, s, "is not a whole number", min + "-" + max);
        }
    }

    private static long inRange(String key, long n, long min, long max) throws InvalidConfigurationException {
        if (n < min || n > max) {
            throw new InvalidConfigurationException(key, n + " is outside " + min + "-" + max);
        }
        return n;
    }

    /**
     * A duration within {@code min}-{@code max}: a whole number of seconds ({@code 3}), or a whole number with a unit,
     * {@code 3s} or {@code 300ms} (a number from the web console is seconds); {@code def} when absent. Refused with
     * the range in units, e.g. {@code timeout: 50ms is outside 100ms-300s}.
     */
    public Duration duration(String key, Duration def, Duration min, Duration max) throws InvalidConfigurationException {
        Object v = get(key);
        Duration d;
        if (v instanceof Number) {
            d = Duration.ofSeconds(((Number) v).longValue());
        } else {
            String s = string(key, null);
            if (s == null) {
                return def;
            }
            d = parseDuration(s);
            if (d == null) {
                throw InvalidConfigurationException.of(key, s, "is not a duration: write seconds (3), 3s or 300ms",
                        unitText(min) + "-" + unitText(max));
            }
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidConfigurationException(key, unitText(d) + " is outside " + unitText(min) + "-"
                    + unitText(max));
        }
        return d;
    }

    /** {@code 3}, {@code 3s} or {@code 300ms} (spaces and case ignored); null when it is none of them. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || m.group(1).length() > 12) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return "ms".equalsIgnoreCase(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)?", Pattern.CASE_INSENSITIVE);

    /**
     * A duration as a configuration file writes it: whole seconds as a plain number ({@code 3}), which every reader
     * of seconds understands, otherwise milliseconds ({@code 300ms}).
     */
    public static String durationText(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.getSeconds()) : d.toMillis() + "ms";
    }

    /** A duration with its unit, for messages and ranges: {@code 3s}, {@code 300ms}. */
    public static String unitText(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + "s" : d.toMillis() + "ms";
    }

    public boolean bool(String key, boolean def) throws InvalidConfigurationException {
        Object v = get(key);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = string(key, null);
        if (s == null) {
            return def;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw InvalidConfigurationException.of(key, s, "is neither true nor false", null);
    }

    /**
     * One of a set of values, parsed by {@code parse}, which throws {@link IllegalArgumentException} saying what
     * is allowed; {@code def} when absent.
     */
    public <T> T choice(String key, T def, Function<String, T> parse) throws InvalidConfigurationException {
        String s = string(key, null);
        try {
            return s == null ? def : parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, e.getMessage());
        }
    }

    /** The distinct, trimmed, non-empty items of a list: an array, a collection or a comma-separated string. */
    public List<String> list(String key) {
        return items(get(key));
    }

    /** As {@link #list(String)}, for a value from elsewhere (a reply attribute, a stored property). */
    public static List<String> items(Object value) {
        List<String> out = new ArrayList<>();
        Iterable<?> items;
        if (value == null) {
            return out;
        } else if (value instanceof Object[]) {
            items = List.of((Object[]) value);
        } else if (value instanceof Collection) {
            items = (Collection<?>) value;
        } else {
            items = List.of(value.toString());
        }
        for (Object item : items) {
            for (String part : String.valueOf(item).split(",")) {
                String t = part.trim();
                if (!t.isEmpty() && !out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** A path; a relative one is resolved against {@code base} (Karaf's etc). */
    public static Path path(Path base, String value) {
        Path p = Path.of(value);
        return p.isAbsolute() ? p : base.resolve(p);
    }

    /**
     * The name of a factory configuration instance: its {@code name} key, else the name Karaf gave it
     * ({@code etc/dev.radsec.relay-branch.cfg}, {@code dev.radsec.relay~branch}), else {@code def}.
     */
    public String instanceName(String factoryPid, String def) {
        String alias = FactoryAlias.of(properties, factoryPid);
        return string("name", alias != null ? alias : def);
    }

    /**
     * The keys nothing read, sorted. Framework keys (they hold a dot: {@code service.pid},
     * {@code felix.fileinstall.filename}) are not ours to judge.
     */
    public List<String> unknownKeys() {
        return properties.keySet().stream().filter(k -> !read.contains(k) && !k.contains(".")).sorted()
                .collect(Collectors.toList());
    }
}
