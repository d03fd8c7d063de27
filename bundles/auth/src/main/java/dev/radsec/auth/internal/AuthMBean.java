package dev.radsec.auth.internal;

import dev.radsec.auth.AuthMXBean;
import dev.radsec.auth.LoginResponse;
import dev.radsec.common.ConfigReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link AuthMXBean} over the login service and the {@code dev.radsec.auth} configuration. Logins go through
 * {@link RadiusLoginService#login}, so they are counted as JAAS logins are; settings read the configuration in force
 * and are written through {@link AuthConfiguration}. Never shows the secret or a password.
 */
final class AuthMBean implements AuthMXBean {
    private final RadiusLoginService service;
    private final AuthConfiguration configuration;

    AuthMBean(RadiusLoginService service, AuthConfiguration configuration) {
        this.service = service;
        this.configuration = configuration;
    }

    // ---------------------------------------------------------------- login and counters

    @Override
    public LoginResponse login(String username, String password) {
        return LoginResponse.of(service.login(username, password));
    }

    @Override
    public long getLogins() {
        return service.counters().logins();
    }

    @Override
    public long getRejects() {
        return service.counters().rejects();
    }

    @Override
    public Map<String, Long> getFailedAttempts() {
        return service.counters().failedAttempts();
    }

    @Override
    public Map<String, Long> getOutcomes() {
        return service.counters().outcomes();
    }

    @Override
    public String getServer() {
        return service.server();
    }

    // ---------------------------------------------------------------- user mappings

    @Override
    public String[] getUsers() {
        return service.list().toArray(new String[0]);
    }

    @Override
    public void addUser(String username, String policies) {
        service.put(username, ConfigReader.items(policies));
    }

    @Override
    public String showUser(String username) {
        return service.get(username).map(m -> String.join(",", m.policies())).orElse("");
    }

    @Override
    public boolean removeUser(String username) {
        return service.delete(username);
    }

    // ---------------------------------------------------------------- settings

    @Override
    public void update(String[] settings) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String item : settings == null ? new String[0] : settings) {
            int eq = item == null ? -1 : item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + item + "' is not key=value");
            }
            String key = item.substring(0, eq).trim();
            if (!AuthSettings.KEYS.contains(key)) {
                throw new IllegalArgumentException(key + ": is not a key of " + AuthConfiguration.PID
                        + " (" + String.join(", ", AuthSettings.KEYS) + ")");
            }
            changes.put(key, item.substring(eq + 1));
        }
        configuration.change(changes);
    }

    /** The value of {@code key} in force, as a cfg file writes it; the stored one while none is in force. */
    private String text(String key) {
        AuthSettings s = service.settings();
        return (s != null ? s.effective() : AuthSettings.shown(configuration.stored())).get(key);
    }

    private int number(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            return 0; // not set, or a stored value the service refused
        }
    }

    @Override
    public int getDestination() {
        return number("destination");
    }

    @Override
    public void setDestination(int id) {
        configuration.set("destination", id == 0 ? null : String.valueOf(id));
    }

    @Override
    public String getHost() {
        return text("host");
    }

    @Override
    public void setHost(String host) {
        configuration.set("host", host);
    }

    @Override
    public int getPort() {
        return number("port");
    }

    @Override
    public void setPort(int port) {
        configuration.set("port", String.valueOf(port));
    }

    @Override
    public String getSecret() {
        return text("secret");
    }

    @Override
    public void setSecret(String secret) {
        configuration.set("secret", secret);
    }

    @Override
    public String getUnregisteredUserPolicies() {
        return text("unregistered-user-policies");
    }

    @Override
    public void setUnregisteredUserPolicies(String policies) {
        configuration.set("unregistered-user-policies", policies);
    }

    @Override
    public int getDialTimeout() {
        return number("dial-timeout");
    }

    @Override
    public void setDialTimeout(int seconds) {
        configuration.set("dial-timeout", String.valueOf(seconds));
    }

    @Override
    public int getReadTimeout() {
        return number("read-timeout");
    }

    @Override
    public void setReadTimeout(int seconds) {
        configuration.set("read-timeout", String.valueOf(seconds));
    }

    @Override
    public int getNasPort() {
        return number("nas-port");
    }

    @Override
    public void setNasPort(int nasPort) {
        configuration.set("nas-port", String.valueOf(nasPort));
    }

    @Override
    public String getNasIdentifier() {
        return text("nas-identifier");
    }

    @Override
    public void setNasIdentifier(String nasIdentifier) {
        configuration.set("nas-identifier", nasIdentifier);
    }

    @Override
    public String getPolicyAttribute() {
        return text("policy-attribute");
    }

    @Override
    public void setPolicyAttribute(String attribute) {
        configuration.set("policy-attribute", attribute);
    }

    @Override
    public boolean isUsernameCaseSensitive() {
        return Boolean.parseBoolean(text("username-case-sensitive"));
    }

    @Override
    public void setUsernameCaseSensitive(boolean caseSensitive) {
        configuration.set("username-case-sensitive", String.valueOf(caseSensitive));
    }

    @Override
    public String getRequireMessageAuth() {
        return text("require-message-auth");
    }

    @Override
    public void setRequireMessageAuth(String require) {
        configuration.set("require-message-auth", require);
    }

    @Override
    public String getPolicyRoles() {
        return text("policy-roles");
    }

    @Override
    public void setPolicyRoles(String pairs) {
        configuration.set("policy-roles", pairs);
    }

    @Override
    public String getJaasOrder() {
        return text("jaas-order");
    }

    @Override
    public void setJaasOrder(String order) {
        configuration.set("jaas-order", order);
    }
}
