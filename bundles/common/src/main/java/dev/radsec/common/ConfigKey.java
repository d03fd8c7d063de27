package dev.radsec.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key, defined once (as Californium's {@code Configuration} keys are): its name, documentation,
 * the values allowed, its default, whether a change needs a new connection, and whether it is secret. A
 * {@link ConfigTable} of keys parses a configuration, shows it with defaults filled in and secrets hidden, and
 * tells which changes need a reconnect; the same definition can document the key in JMX or a console.
 *
 * <p>Immutable: every {@code with}-style method ({@link #doc}, {@link #defaultValue}, ...) returns a new key. Build
 * one from a factory: {@link #number}, {@link #seconds}, {@link #duration}, {@link #text}, {@link #flag},
 * {@link #choice}, {@link #subset}.
 *
 * @param <T> the parsed value: {@code Integer}, {@code Duration}, {@code String}, {@code Boolean} or a choice's type
 */
public final class ConfigKey<T> {

    /** Reads a value the configuration has (not absent, not blank), refusing a bad one with the key and reason. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(ConfigReader reader, String key) throws InvalidConfigurationException;
    }

    private final String name;
    private final Class<T> type;
    private final String description;
    private final String allowed;
    private final Reading<T> reading;
    private final Function<? super T, String> text;
    private final T fixedDefault;
    private final Function<Config, ? extends T> derivedDefault;
    /** Values refused with a reason of their own (lower case), e.g. TLS v1.1. */
    private final Map<String, String> refused;
    private final boolean required;
    private final boolean reconnect;
    private final boolean secret;

    private ConfigKey(String name, Class<T> type, String description, String allowed, Reading<T> reading,
            Function<? super T, String> text, T fixedDefault, Function<Config, ? extends T> derivedDefault,
            Map<String, String> refused, boolean required, boolean reconnect, boolean secret) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.description = description;
        this.allowed = allowed;
        this.reading = reading;
        this.text = text;
        this.fixedDefault = fixedDefault;
        this.derivedDefault = derivedDefault;
        this.refused = refused;
        this.required = required;
        this.reconnect = reconnect;
        this.secret = secret;
    }

    private static <T> ConfigKey<T> of(String name, Class<T> type, String allowed, Reading<T> reading,
            Function<? super T, String> text) {
        return new ConfigKey<>(name, type, "", allowed, reading, text, null, null, Map.of(), false, false, false);
    }

    // ---------------------------------------------------------------- factories

    /** A whole number within {@code min}-{@code max}. */
    public static ConfigKey<Integer> number(String name, int min, int max) {
        return of(name, Integer.class, min + "-" + max, (r, k) -> (int) r.number(k, 0, min, max), String::valueOf);
    }

    /** Whole seconds within {@code min}-{@code max}, as a {@link Duration}; its text is the number of seconds. */
    public static ConfigKey<Duration> seconds(String name, int min, int max) {
        return of(name, Duration.class, min + "-" + max, (r, k) -> Duration.ofSeconds(r.number(k, 0, min, max)),
                d -> String.valueOf(d.getSeconds()));
    }

    /**
     * A duration within {@code min}-{@code max}, written as whole seconds ({@code 3}) or with a unit ({@code 3s},
     * {@code 300ms}): see {@link ConfigReader#duration}. Its text is whole seconds as a plain number, otherwise
     * milliseconds ({@code 300ms}); its range is written with units, e.g. {@code 100ms-300s}.
     */
    public static ConfigKey<Duration> duration(String name, Duration min, Duration max) {
        if (min.compareTo(max) > 0 || min.isNegative()) {
            throw new IllegalArgumentException(name + ": no durations between " + min + " and " + max);
        }
        return of(name, Duration.class, ConfigReader.unitText(min) + "-" + ConfigReader.unitText(max),
                (r, k) -> r.duration(k, null, min, max), ConfigReader::durationText);
    }

    /**
     * A comma-separated subset of {@code words}, at least one (matched ignoring case, repeats dropped), e.g.
     * {@code subset("service", "login", "relay")}; its value is the words given, in the order of {@code words},
     * joined by {@code ,} ({@code relay, LOGIN} is {@code login,relay}). A list naming no word ({@code ,}) or an
     * unknown one is refused.
     */
    public static ConfigKey<String> subset(String name, String... words) {
        if (words.length == 0) {
            throw new IllegalArgumentException(name + ": a subset needs words");
        }
        String allowed = "one or more of " + String.join(", ", words);
        return of(name, String.class, allowed, (r, k) -> {
            List<String> given = r.list(k);
            if (given.isEmpty()) {
                throw InvalidConfigurationException.of(k, r.string(k, ""), "names nothing", allowed);
            }
            boolean[] chosen = new boolean[words.length];
            for (String g : given) {
                int i = indexIgnoringCase(words, g);
                if (i < 0) {
                    throw InvalidConfigurationException.of(k, g, "is none of " + String.join(", ", words), null);
                }
                chosen[i] = true;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                if (chosen[i]) {
                    out.add(words[i]);
                }
            }
            return String.join(",", out);
        }, s -> s);
    }

    private static int indexIgnoringCase(String[] words, String word) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Free text, trimmed. */
    public static ConfigKey<String> text(String name) {
        return of(name, String.class, null, (r, k) -> r.string(k, null), s -> s);
    }

    /** {@code true} or {@code false}. */
    public static ConfigKey<Boolean> flag(String name) {
        return of(name, Boolean.class, "true, false", (r, k) -> r.bool(k, false), String::valueOf);
    }

    /**
     * One of {@code values}, each written as its {@code toString()} (matched ignoring case), e.g.
     * {@code choice("protocol", "radsec", "udp")} or an enum's constants whose text is their configuration word.
     */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    public static <T> ConfigKey<T> choice(String name, T... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": a choice needs values");
        }
        Map<String, T> byText = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        for (T v : values) {
            byText.put(v.toString().toLowerCase(Locale.ROOT), v);
            texts.add(v.toString());
        }
        String allowed = String.join(", ", texts);
        Object first = values[0];
        Class<T> type = (Class<T>) (first instanceof Enum ? ((Enum<?>) first).getDeclaringClass() : first.getClass());
        return of(name, type, allowed, (r, k) -> {
            String s = r.string(k, null);
            T v = byText.get(s.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new InvalidConfigurationException(k, "'" + s + "' is none of " + allowed);
            }
            return v;
        }, Object::toString);
    }

    // ---------------------------------------------------------------- refinements, each a new key

    /** What the key means, one or two sentences; shown in JMX and consoles. */
    public ConfigKey<T> doc(String description) {
        return new ConfigKey<>(name, type, description, allowed, reading, text, fixedDefault, derivedDefault,
                refused, required, reconnect, secret);
    }

    /** The value when the configuration does not give one. */
    public ConfigKey<T> defaultValue(T value) {
        return new ConfigKey<>(name, type, description, allowed, reading, text, Objects.requireNonNull(value), null,
                refused, required, reconnect, secret);
    }

    /**
     * A default computed from keys earlier in the table (port 1812 for udp, 2083 for radsec); {@code null} from
     * {@code fn} means none.
     */
    public ConfigKey<T> defaultFrom(Function<Config, ? extends T> fn) {
        return new ConfigKey<>(name, type, description, allowed, reading, text, null, Objects.requireNonNull(fn),
                refused, required, reconnect, secret);
    }

    /** Refused when neither given nor defaulted. */
    public ConfigKey<T> required() {
        return new ConfigKey<>(name, type, description, allowed, reading, text, fixedDefault, derivedDefault,
                refused, true, reconnect, secret);
    }

    /** A change needs a new connection (address, TLS settings); other changes apply on the open one. */
    public ConfigKey<T> reconnect() {
        return new ConfigKey<>(name, type, description, allowed, reading, text, fixedDefault, derivedDefault,
                refused, required, true, secret);
    }

    /** Never shown: the effective view and consoles show {@code ******}. */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, type, description, allowed, reading, text, fixedDefault, derivedDefault,
                refused, required, reconnect, true);
    }

    /** Refuses {@code value} (ignoring case) with a reason of its own, e.g. a TLS version RFC 9325 forbids. */
    public ConfigKey<T> refusing(String value, String reason) {
        Map<String, String> r = new LinkedHashMap<>(refused);
        r.put(value.toLowerCase(Locale.ROOT), reason);
        return new ConfigKey<>(name, type, description, allowed, reading, text, fixedDefault, derivedDefault,
                Map.copyOf(r), required, reconnect, secret);
    }

    // ---------------------------------------------------------------- what it is

    /** The key as a cfg file writes it, e.g. {@code id-reuse-timeout}. */
    public String name() {
        return name;
    }

    /** The type of {@link Config#get} for this key. */
    public Class<T> type() {
        return type;
    }

    /** What the key means; empty when undocumented. */
    public String description() {
        return description;
    }

    /** The values allowed as text, e.g. {@code 1-65535} or {@code radsec, udp}; {@code null} for free text. */
    public String allowed() {
        return allowed;
    }

    /** The default as a cfg file writes it, when it is fixed; empty when there is none or it depends on other keys. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(fixedDefault).map(this::text);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean needsReconnect() {
        return reconnect;
    }

    public boolean isSecret() {
        return secret;
    }

    /** {@code value} as a cfg file writes it; empty for none. Secrets too: {@link Config#effective()} hides them. */
    public String text(T value) {
        return value == null ? "" : text.apply(value);
    }

    /**
     * One line for a console or a JMX attribute: key, meaning, and in brackets the values allowed, a fixed default,
     * and whether it is required, secret or needs a reconnect, e.g.
     * {@code tls-timeout: TLS handshake limit, seconds. (3-90; default 5; a change reconnects)}.
     */
    public String summary() {
        List<String> facts = new ArrayList<>();
        if (allowed != null) {
            facts.add(allowed);
        }
        defaultText().ifPresent(d -> facts.add("default " + d));
        if (required) {
            facts.add("required");
        }
        if (secret) {
            facts.add("secret, reads ******");
        }
        if (reconnect) {
            facts.add("a change reconnects");
        }
        StringBuilder s = new StringBuilder(name).append(':');
        if (!description.isEmpty()) {
            s.append(' ').append(description);
        }
        if (!facts.isEmpty()) {
            s.append(" (").append(String.join("; ", facts)).append(')');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    // ---------------------------------------------------------------- parsing, for ConfigTable

    /** The value of this key in the configuration {@code reader} reads, else its default; {@code null} for none. */
    T read(ConfigReader reader, Config earlier) throws InvalidConfigurationException {
        String given = reader.string(name, null);
        T value = null;
        if (given != null) {
            String reason = refused.get(given.toLowerCase(Locale.ROOT));
            if (reason != null) {
                throw InvalidConfigurationException.of(name, given, "is refused: " + reason, allowed);
            }
            value = reading.read(reader, name);
        } else if (fixedDefault != null) {
            value = fixedDefault;
        } else if (derivedDefault != null) {
            value = derivedDefault.apply(earlier);
        }
        if (value == null && required) {
            throw new InvalidConfigurationException(name, "is required" + (allowed == null ? "" : " (" + allowed + ")"));
        }
        return value;
    }
}
