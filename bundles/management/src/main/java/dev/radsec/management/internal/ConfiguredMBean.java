package dev.radsec.management.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An MXBean whose configuration attributes are the keys of one configuration (a relay, a listener, incoming), read
 * by one getter and written by one setter here, so that its interface only declares them: attribute
 * {@code ListenAddress} is key {@code listen-address}, of the type the interface gives it ({@code int},
 * {@code long}, {@code boolean}, {@code String}, or {@code int[]} for a comma-separated list of numbers). The
 * interface's other methods (name, counters, operations) are the methods of an "own" object with the same
 * signature; a getter there with a setter here makes a live value writable (a relay's running {@code Destinations}
 * and its {@code destinations} key). Each method is resolved once per interface, and one that is neither fails then,
 * naming it.
 *
 * <p>A value reads as stored in ConfigAdmin, else as its metatype default; a secret reads as
 * {@link KeyValues#MASK} when set and empty when not, and so does each network's secret in {@code clients}. Written
 * back as read, a masked secret keeps the one stored. An instance of a factory kind without a configuration of its
 * own (a listener a relay opened) reads empty values and refuses writes. A write goes through the
 * {@link ConfigurationStore}: validated first, refused with {@code key: reason}, persisted in the instance's file.
 */
final class ConfiguredMBean implements InvocationHandler {
    /** How the methods of each MXBean interface are answered. */
    private static final Map<Class<?>, Plan> PLANS = new ConcurrentHashMap<>();

    /** The methods of one interface: the own object's, and the keys of getters and setters. */
    private record Plan(Map<Method, Method> own, Map<Method, String> getters, Map<Method, String> setters) {
        Set<String> attributes() {
            Set<String> names = new HashSet<>();
            getters.keySet().forEach(m -> names.add(attribute(m.getName())));
            setters.keySet().forEach(m -> names.add(attribute(m.getName())));
            return names;
        }
    }

    private final Plan plan;
    private final Object own;
    private final ConfigurationStore store;
    private final ConfigurationKind kind;
    private final String name;

    private ConfiguredMBean(Plan plan, Object own, ConfigurationStore store, ConfigurationKind kind, String name) {
        this.plan = plan;
        this.own = own;
        this.store = store;
        this.kind = kind;
        this.name = name;
    }

    /**
     * The MXBean {@code type} of the instance {@code name} of {@code kind}: settings from {@code store}, everything
     * else from {@code own}.
     */
    static <T> T create(Class<T> type, Object own, ConfigurationStore store, ConfigurationKind kind, String name) {
        Plan plan = plan(type, own.getClass());
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ConfiguredMBean(plan, own, store, kind, name)));
    }

    /** The JMX descriptions of {@code type}'s configuration attributes: their keys' metatype; null for the others. */
    static Function<String, String> descriptions(Class<?> type, Class<?> ownType, ConfigurationStore store,
            ConfigurationKind kind) {
        Set<String> configuration = plan(type, ownType).attributes();
        return attribute -> configuration.contains(attribute)
                ? store.keys().description(kind.pid(), key(attribute)).orElse(null) : null;
    }

    /** The configuration attributes of {@code type} by name, each with its key (for tests and the README table). */
    static Map<String, String> keys(Class<?> type, Class<?> ownType) {
        return plan(type, ownType).attributes().stream().collect(Collectors.toMap(a -> a, ConfiguredMBean::key));
    }

    /** The key an attribute stands for: {@code ListenAddress} is {@code listen-address}. */
    static String key(String attribute) {
        return attribute.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }

    private static String attribute(String method) {
        return method.replaceFirst("^(get|set|is)", "");
    }

    private static Plan plan(Class<?> type, Class<?> ownType) {
        return PLANS.computeIfAbsent(type, t -> {
            Map<Method, Method> own = new HashMap<>();
            Map<Method, String> getters = new HashMap<>();
            Map<Method, String> setters = new HashMap<>();
            for (Method m : t.getMethods()) {
                Optional<Method> implemented = implemented(ownType, m);
                String n = m.getName();
                if (implemented.isPresent()) {
                    own.put(m, implemented.get());
                } else if (m.getParameterCount() == 0 && supported(m.getReturnType())
                        && (n.startsWith("get") || (n.startsWith("is") && m.getReturnType() == boolean.class))) {
                    getters.put(m, key(attribute(n)));
                } else if (m.getParameterCount() == 1 && n.startsWith("set") && m.getReturnType() == void.class
                        && supported(m.getParameterTypes()[0])) {
                    setters.put(m, key(attribute(n)));
                } else {
                    throw new IllegalStateException(t.getSimpleName() + "." + n + " is neither a setting nor implemented by "
                            + ownType.getSimpleName());
                }
            }
            return new Plan(Map.copyOf(own), Map.copyOf(getters), Map.copyOf(setters));
        });
    }

    private static boolean supported(Class<?> type) {
        return type == int.class || type == long.class || type == boolean.class || type == String.class
                || type == int[].class;
    }

    private static Optional<Method> implemented(Class<?> ownType, Method m) {
        for (Class<?> c = ownType; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method own = c.getDeclaredMethod(m.getName(), m.getParameterTypes());
                return own.getReturnType() == m.getReturnType() ? Optional.of(own) : Optional.empty();
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return Optional.empty();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String key = plan.getters.get(method);
        if (key != null) {
            return read(key, method.getReturnType());
        }
        key = plan.setters.get(method);
        if (key != null) {
            write(key, args[0], method.getParameterTypes()[0]);
            return null;
        }
        Method implemented = plan.own.get(method);
        if (implemented != null) {
            try {
                return implemented.invoke(own, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        switch (method.getName()) { // Object's
            case "equals": return proxy == args[0];
            case "hashCode": return System.identityHashCode(proxy);
            default: return kind.describe(name);
        }
    }

    private Object read(String key, Class<?> type) {
        Optional<Map<String, Object>> configured = store.configured(kind, name);
        if (configured.isEmpty() && kind.factory()) {
            return value("", type); // not a configuration of this kind: nothing of its own to show
        }
        Object stored = configured.orElse(Map.of()).get(key);
        String text = stored == null ? "" : stored instanceof Object[] a
                ? Arrays.stream(a).map(String::valueOf).collect(Collectors.joining(", ")) : stored.toString().trim();
        if (text.isEmpty()) {
            text = store.keys().defaultValue(kind.pid(), key).orElse("");
        }
        return value(store.shown(kind.pid(), key, text), type); // secrets masked
    }

    private void write(String key, Object value, Class<?> type) {
        String text;
        if (value == null) {
            text = "";
        } else if (type == int[].class) {
            text = Arrays.stream((int[]) value).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        } else {
            text = String.valueOf(value);
        }
        Map<String, String> change = new HashMap<>();
        change.put(key, text);
        store.set(kind, name, change);
    }

    private static Object value(String text, Class<?> type) {
        if (type == int.class || type == long.class) {
            try {
                long n = Long.parseLong(text.trim());
                return type == int.class ? (Object) (int) n : (Object) n;
            } catch (NumberFormatException e) {
                return type == int.class ? (Object) 0 : (Object) 0L;
            }
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text.trim());
        }
        if (type == int[].class) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> s.matches("\\d{1,9}"))
                    .mapToInt(Integer::parseInt).toArray();
        }
        return text;
    }
}
