package dev.radsec.auth.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.auth.AuthMXBean;
import dev.radsec.auth.LoginResult;
import dev.radsec.auth.RadiusLogin;
import dev.radsec.auth.UserMapping;
import dev.radsec.auth.UserMappings;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusDictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login service (PID {@code dev.radsec.auth}): {@link RadiusLogin}, the {@link UserMappings} it reads, and
 * JMX {@code dev.radsec:type=Auth} when an MBeanServer is present. An invalid configuration is rejected with the
 * key and the reason, and the running one stays; before any valid one, logins end {@code MISCONFIGURED}.
 */
@Component(configurationPid = "dev.radsec.auth", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {RadiusLogin.class, UserMappings.class, RadiusLoginService.class}, immediate = true)
@Designate(ocd = AuthConfig.class)
public final class RadiusLoginService implements RadiusLogin, UserMappings, AuthMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(RadiusLoginService.class);
    /** Failed attempts are counted per username up to this many names, then under "(others)". */
    private static final int MAX_COUNTED_USERS = 10_000;
    private static final String OTHERS = "(others)";

    @Reference
    private RadiusClient client;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    /** Logins are built with it, and policy-attribute may name any attribute it knows. */
    @Reference
    private RadiusDictionary dictionaries;
    /** Greedy: when Karaf's management feature comes later, the component restarts to register its MXBean. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private MBeanServer mbeanServer;

    private volatile AuthSettings settings;
    /** Unknown keys already warned about: once each, not at every change. */
    private final java.util.Set<String> warnedKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String rejection = "no dev.radsec.auth configuration yet";
    private UserMappingStore mappings;
    private final LongAdder logins = new LongAdder();
    private final LongAdder rejects = new LongAdder();
    private final Map<String, LongAdder> failedAttempts = new ConcurrentHashMap<>();
    private ObjectName registered;

    public RadiusLoginService() {
    }

    /** Plain-Java use and tests. */
    RadiusLoginService(RadiusClient client, ConfigurationAdmin configurationAdmin) {
        this.client = client;
        this.configurationAdmin = configurationAdmin;
        this.dictionaries = RadiusDictionary.of(dev.radsec.codec.Dictionary.standard());
    }

    @Activate
    void activate(Map<String, Object> properties) {
        mappings = new UserMappingStore(configurationAdmin, name -> {
            AuthSettings s = settings;
            return s == null ? name.trim() : s.mappingKey(name);
        });
        modified(properties);
        MBeanServer server = mbeanServer;
        if (server != null) {
            try {
                registered = new ObjectName("dev.radsec:type=Auth");
                server.registerMBean(new StandardMBean(this, AuthMXBean.class, true), registered);
            } catch (Exception e) {
                LOG.warn("dev.radsec:type=Auth not registered: {}", e.getMessage());
                registered = null;
            }
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        if (!properties.containsKey("service.pid")) {
            return; // no configuration at all: not an error, logins say MISCONFIGURED
        }
        try {
            AuthSettings next = new AuthSettings(properties, dictionaries.current());
            for (String key : next.unknownKeys) {
                if (warnedKeys.add(key)) {
                    LOG.warn("Configuration dev.radsec.auth: key '{}' is not one of ours and is ignored (a typo?)", key);
                }
            }
            settings = next;
            rejection = null;
            LOG.info("Login service: {}", next);
        } catch (InvalidConfigurationException e) {
            rejection = e.getMessage();
            LOG.error("Configuration dev.radsec.auth rejected, the running one stays: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        MBeanServer server = mbeanServer;
        if (server != null && registered != null) {
            try {
                server.unregisterMBean(registered);
            } catch (Exception e) {
                LOG.debug("unregistering {}", registered, e);
            }
        }
    }

    // ---------------------------------------------------------------- RadiusLogin

    @Override
    public LoginResult login(String username, String password) {
        AuthSettings s = settings;
        LoginResult result = s == null
                ? Login.failed(LoginResult.Outcome.MISCONFIGURED, username == null ? "" : username.trim(), rejection)
                : new Login(s, client, dictionaries.current(), this::mapping).run(username, password);
        if (result.isLoggedIn()) {
            logins.increment();
        } else {
            if (result.outcome() == LoginResult.Outcome.REJECTED) {
                rejects.increment();
            }
            countFailure(result.username());
        }
        // never the password; the username and the outcome are what an operator needs
        LOG.info("Login of '{}': {}", result.username(), result.outcome());
        return result;
    }

    private Optional<UserMapping> mapping(String key) {
        return mappings.get(key);
    }

    private void countFailure(String username) {
        String key = failedAttempts.size() < MAX_COUNTED_USERS || failedAttempts.containsKey(username) ? username : OTHERS;
        failedAttempts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    // ---------------------------------------------------------------- UserMappings

    @Override
    public void put(String username, List<String> policies) {
        mappings.put(username, policies);
    }

    @Override
    public Optional<UserMapping> get(String username) {
        return mappings.get(username);
    }

    @Override
    public List<String> list() {
        return mappings.list();
    }

    @Override
    public boolean delete(String username) {
        return mappings.delete(username);
    }

    // ---------------------------------------------------------------- AuthMXBean

    @Override
    public String[] getUsers() {
        return list().toArray(new String[0]);
    }

    @Override
    public long getLogins() {
        return logins.sum();
    }

    @Override
    public long getRejects() {
        return rejects.sum();
    }

    @Override
    public Map<String, Long> getFailedAttempts() {
        Map<String, Long> out = new TreeMap<>();
        failedAttempts.forEach((user, n) -> out.put(user, n.sum()));
        return out;
    }

    @Override
    public String getServer() {
        AuthSettings s = settings;
        return s == null ? "not configured: " + rejection : s.server();
    }

    @Override
    public void addUser(String username, String policies) {
        put(username, ConfigReader.items(policies));
    }

    @Override
    public String showUser(String username) {
        return get(username).map(m -> String.join(",", m.policies())).orElse("");
    }

    @Override
    public boolean removeUser(String username) {
        return delete(username);
    }

    /** The settings in force, for the JAAS realm's role mapping; null before a valid configuration. */
    AuthSettings settings() {
        return settings;
    }
}
