package dev.radsec.management.internal;

import dev.radsec.common.ConfigKey;
import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.management.DestinationMXBean;
import dev.radsec.transport.DestinationKeys;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * {@link DestinationMXBean} over the transport's {@link RadiusClient} and the destination's configuration.
 *
 * <p>The configuration attributes are not written out one by one: each is the {@link DestinationKeys} key of the same
 * name ({@code IdReuseTimeout} is {@code id-reuse-timeout}), read by one getter and written by one setter here, with
 * the type the interface declares. The interface's other methods (the id, live state, statistics, operations) are
 * methods of this class with the same signature. Both are resolved once, when the class loads, and a method of the
 * interface that is neither fails then, naming it.
 */
final class DestinationMBean implements InvocationHandler {
    /** The interface's configuration getters and setters, each with its key. */
    private static final Map<Method, ConfigKey<?>> CONFIGURATION = new HashMap<>();
    /** The interface's other methods, each with its implementation here. */
    private static final Map<Method, Method> OWN = new HashMap<>();
    /** Configuration getters and setters of a duration key in exact milliseconds ({@code TimeoutMillis}). */
    private static final Set<Method> IN_MILLIS = new HashSet<>();
    /** An attribute named after a duration key with this suffix shows it exactly: {@code TimeoutMillis}. */
    private static final String MILLIS = "Millis";

    static {
        for (Method m : DestinationMXBean.class.getMethods()) {
            Optional<Method> own = own(m);
            if (own.isPresent()) {
                OWN.put(m, own.get());
                continue;
            }
            ConfigKey<?> key = key(attribute(m.getName())).orElseThrow(() -> new IllegalStateException(
                    "DestinationMXBean." + m.getName() + " is no destination key and not implemented by DestinationMBean"));
            boolean millis = !key.name().equals(keyName(attribute(m.getName()))); // TimeoutMillis, not a key's own
            Class<?> expected = millis ? long.class : attributeType(key);
            Class<?> type = m.getParameterCount() == 0 ? m.getReturnType() : m.getParameterTypes()[0];
            if (m.getParameterCount() > 1 || type != expected) {
                throw new IllegalStateException("DestinationMXBean." + m.getName() + " does not fit key " + key.name()
                        + " (" + expected.getSimpleName() + ")");
            }
            CONFIGURATION.put(m, key);
            if (millis) {
                IN_MILLIS.add(m);
            }
        }
    }

    private final int id;
    private final RadiusClient client;
    private final DestinationConfigurations configurations;
    private final TestAuthentication tester;

    private DestinationMBean(int id, RadiusClient client, DestinationConfigurations configurations,
            TestAuthentication tester) {
        this.id = id;
        this.client = client;
        this.configurations = configurations;
        this.tester = tester;
    }

    static DestinationMXBean create(int id, RadiusClient client, DestinationConfigurations configurations,
            TestAuthentication tester) {
        return (DestinationMXBean) Proxy.newProxyInstance(DestinationMXBean.class.getClassLoader(),
                new Class<?>[] {DestinationMXBean.class}, new DestinationMBean(id, client, configurations, tester));
    }

    /**
     * The destination key an attribute stands for: {@code IdReuseTimeout} is {@code id-reuse-timeout}, and
     * {@code TimeoutMillis} is {@code timeout} in milliseconds.
     */
    static Optional<ConfigKey<?>> key(String attribute) {
        Optional<ConfigKey<?>> key = DestinationKeys.TABLE.key(keyName(attribute));
        if (key.isEmpty() && inMillis(attribute)) {
            return key(attribute.substring(0, attribute.length() - MILLIS.length()))
                    .filter(k -> k.type() == Duration.class);
        }
        return key;
    }

    private static String keyName(String attribute) {
        return attribute.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }

    private static boolean inMillis(String attribute) {
        return attribute.endsWith(MILLIS) && attribute.length() > MILLIS.length();
    }

    /** The JMX description of a configuration attribute: its key's meaning, range, default and reconnect. */
    static String description(String attribute) {
        return key(attribute).map(ConfigKey::summary).orElse(null);
    }

    private static String attribute(String method) {
        return method.replaceFirst("^(get|set|is)", "");
    }

    /** Numbers and seconds are {@code int}, flags {@code boolean}, text and choices {@code String}. */
    private static Class<?> attributeType(ConfigKey<?> key) {
        if (key.type() == Integer.class || key.type() == Duration.class) {
            return int.class;
        }
        return key.type() == Boolean.class ? boolean.class : String.class;
    }

    private static Optional<Method> own(Method m) {
        try {
            Method own = DestinationMBean.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return own.getReturnType() == m.getReturnType() ? Optional.of(own) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        ConfigKey<?> key = CONFIGURATION.get(method);
        if (key != null) {
            boolean millis = IN_MILLIS.contains(method);
            if (args == null) {
                return get(key, method.getReturnType(), millis);
            }
            configurations.set(id, key.name(), args[0] == null ? null : String.valueOf(args[0]) + (millis ? "ms" : ""));
            return null;
        }
        Method own = OWN.get(method);
        if (own != null) {
            try {
                return own.invoke(this, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        switch (method.getName()) { // Object's
            case "equals": return proxy == args[0];
            case "hashCode": return System.identityHashCode(proxy);
            default: return "DestinationMXBean of destination " + id;
        }
    }

    private Object get(ConfigKey<?> key, Class<?> type, boolean millis) {
        String value = key.isSecret() ? "******" : value(key.name());
        if (key.type() == Duration.class) {
            // seconds (5) or with a unit (300ms): whole seconds rounded up, or exact milliseconds
            long ms = duration(value).toMillis();
            return millis ? (Object) ms : (Object) (int) ((ms + 999) / 1000);
        }
        if (type == int.class) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return type == boolean.class ? (Object) Boolean.parseBoolean(value) : value;
    }

    /** A duration as the configuration writes it; zero when there is none or it does not read. */
    private static Duration duration(String value) {
        try {
            return new ConfigReader(Map.of("value", value)).duration("value", Duration.ZERO, Duration.ZERO,
                    Duration.ofSeconds(Integer.MAX_VALUE));
        } catch (InvalidConfigurationException e) {
            return Duration.ZERO;
        }
    }

    /** The value in effect; when the destination does not run (configuration rejected), the stored one. */
    private String value(String key) {
        Optional<Map<String, String>> running = client.configuration(id);
        if (running.isPresent()) {
            return running.get().getOrDefault(key, "");
        }
        Object stored = configurations.stored(id).get(key);
        return stored == null ? "" : String.valueOf(stored).trim();
    }

    private Optional<DestinationStatistics> statistics() {
        return client.statistics(id);
    }

    private long counter(ToLongFunction<DestinationStatistics> f) {
        return statistics().map(f::applyAsLong).orElse(0L);
    }

    // ---------------------------------------------------------------- DestinationMXBean, other than the keys

    int getId() {
        return id;
    }

    String getState() {
        return statistics().map(s -> s.state().name()).orElse("NOT RUNNING");
    }

    boolean isUp() {
        return statistics().map(s -> s.state() == DestinationStatistics.State.UP).orElse(false);
    }

    int getConnections() {
        return statistics().map(DestinationStatistics::connections).orElse(0);
    }

    String getTlsVersion() {
        return statistics().flatMap(DestinationStatistics::tlsVersion).orElse("");
    }

    String getCipherSuite() {
        return statistics().flatMap(DestinationStatistics::cipherSuite).orElse("");
    }

    String getTlsMode() {
        Map<String, String> c = client.configuration(id).orElse(Map.of());
        if ("udp".equals(c.get("protocol"))) {
            return "";
        }
        return c.get("tls-psk") != null && !c.get("tls-psk").isBlank() ? "psk" : "certificate";
    }

    String getPeerSubject() {
        return statistics().flatMap(DestinationStatistics::peerSubject).orElse("");
    }

    String getPeerNotAfter() {
        return statistics().flatMap(DestinationStatistics::peerNotAfter).map(Object::toString).orElse("");
    }

    long getPending() {
        return counter(DestinationStatistics::pending);
    }

    long getRequests() {
        return counter(DestinationStatistics::requests);
    }

    long getAccepts() {
        return counter(DestinationStatistics::accepts);
    }

    long getRejects() {
        return counter(DestinationStatistics::rejects);
    }

    long getChallenges() {
        return counter(DestinationStatistics::challenges);
    }

    long getResends() {
        return counter(DestinationStatistics::resends);
    }

    long getTimeouts() {
        return counter(DestinationStatistics::timeouts);
    }

    long getBadReplies() {
        return counter(DestinationStatistics::badReplies);
    }

    long getMalformed() {
        return counter(DestinationStatistics::malformed);
    }

    long getLastRequestRtt() {
        return counter(DestinationStatistics::lastRequestRttMillis);
    }

    long getUnavailable() {
        return counter(DestinationStatistics::unavailable);
    }

    void resetStatistics() {
        client.resetStatistics(id);
    }

    void reconnect() {
        if (!client.reconnect(id)) {
            throw new IllegalStateException("destination " + id + " is not running");
        }
    }

    String testAuthentication(String user, String password) {
        return tester.run(id, user, password).toString();
    }
}
