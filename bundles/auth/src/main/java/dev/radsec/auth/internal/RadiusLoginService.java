package dev.radsec.auth.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.auth.LoginResult;
import dev.radsec.auth.RadiusLogin;
import dev.radsec.auth.UserMapping;
import dev.radsec.auth.UserMappings;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusDictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login service (PID {@code dev.radsec.auth}): {@link RadiusLogin}, the {@link UserMappings} it reads, and the
 * counters of every login ({@link LoginCounters}). An invalid configuration is rejected with the key and the reason,
 * and the running one stays; before any valid one, logins end {@code MISCONFIGURED}. JMX is {@link AuthMBean}'s.
 */
@Component(configurationPid = "dev.radsec.auth", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {RadiusLogin.class, UserMappings.class, RadiusLoginService.class}, immediate = true)
@Designate(ocd = AuthConfig.class)
public final class RadiusLoginService implements RadiusLogin, UserMappings {
    private static final Logger LOG = LoggerFactory.getLogger(RadiusLoginService.class);

    @Reference
    private RadiusClient client;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    /** Logins are built with it, and policy-attribute may name any attribute it knows. */
    @Reference
    private RadiusDictionary dictionaries;

    private volatile AuthSettings settings;
    /** Unknown keys already warned about: once each, not at every change. */
    private final Set<String> warnedKeys = ConcurrentHashMap.newKeySet();
    private volatile String rejection = "no dev.radsec.auth configuration yet";
    /** Why logins cannot be made, as last warned: a WARN once per reason, not one per login. */
    private volatile String warnedMisconfiguration;
    private UserMappingStore mappings;
    private final LoginCounters counters = new LoginCounters();

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
            warnedMisconfiguration = null; // a new configuration: its own problems are news
            LOG.info("Login service: {}", next);
        } catch (InvalidConfigurationException e) {
            rejection = e.getMessage();
            LOG.error("Configuration dev.radsec.auth rejected, the running one stays: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- RadiusLogin

    @Override
    public LoginResult login(String username, String password) {
        AuthSettings s = settings;
        LoginResult result = s == null
                ? Login.failed(LoginResult.Outcome.MISCONFIGURED, username == null ? "" : username.trim(), rejection)
                : new Login(s, client, dictionaries.current(), this::mapping).run(username, password);
        counters.count(result);
        // never the password; the username and the outcome are what an operator needs
        LOG.info("Login of '{}': {}", result.username(), result.outcome());
        if (result.outcome() == LoginResult.Outcome.MISCONFIGURED) {
            if (!result.detail().equals(warnedMisconfiguration)) {
                warnedMisconfiguration = result.detail();
                LOG.warn("Logins fail until the configuration is fixed: {}", result.detail());
            }
        } else {
            warnedMisconfiguration = null;
        }
        return result;
    }

    private Optional<UserMapping> mapping(String key) {
        return mappings.get(key);
    }

    /** The counters of every login made through this service. */
    LoginCounters counters() {
        return counters;
    }

    /** Where logins go: {@code destination 1} or {@code udp host:port}; or why there is no configuration in force. */
    String server() {
        AuthSettings s = settings;
        return s == null ? "not configured: " + rejection : s.server();
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

    /** The settings in force, for the JAAS realm and JMX; null before a valid configuration. */
    AuthSettings settings() {
        return settings;
    }
}
