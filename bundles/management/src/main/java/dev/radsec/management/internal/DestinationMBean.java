package dev.radsec.management.internal;

import dev.radsec.management.DestinationMXBean;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import java.util.Map;
import java.util.Optional;

/** {@link DestinationMXBean} over the transport's {@link RadiusClient} and the destination's configuration. */
final class DestinationMBean implements DestinationMXBean {
    private final int id;
    private final RadiusClient client;
    private final DestinationConfigurations configurations;
    private final TestAuthentication tester;

    DestinationMBean(int id, RadiusClient client, DestinationConfigurations configurations, TestAuthentication tester) {
        this.id = id;
        this.client = client;
        this.configurations = configurations;
        this.tester = tester;
    }

    /** The value in effect; when the destination does not run (configuration rejected), the stored one. */
    private String value(String key) {
        Optional<Map<String, String>> running = client.configuration(id);
        if (running.isPresent()) {
            return running.get().getOrDefault(key, "");
        }
        if ("secret".equals(key)) {
            return "******";
        }
        Object stored = configurations.stored(id).get(key);
        return stored == null ? "" : String.valueOf(stored).trim();
    }

    private int number(String key) {
        try {
            return Integer.parseInt(value(key));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void set(String key, Object value) {
        configurations.set(id, key, value == null ? null : String.valueOf(value));
    }

    private Optional<DestinationStatistics> statistics() {
        return client.statistics(id);
    }

    private long counter(java.util.function.ToLongFunction<DestinationStatistics> f) {
        return statistics().map(f::applyAsLong).orElse(0L);
    }

    @Override
    public int getId() {
        return id;
    }

    @Override
    public String getAddress() {
        return value("address");
    }

    @Override
    public void setAddress(String address) {
        set("address", address);
    }

    @Override
    public String getProtocol() {
        return value("protocol");
    }

    @Override
    public void setProtocol(String protocol) {
        set("protocol", protocol);
    }

    @Override
    public int getPort() {
        return number("port");
    }

    @Override
    public void setPort(int port) {
        set("port", port);
    }

    @Override
    public int getAccountingPort() {
        return number("accounting-port");
    }

    @Override
    public void setAccountingPort(int port) {
        set("accounting-port", port);
    }

    @Override
    public String getSecret() {
        return "******";
    }

    @Override
    public void setSecret(String secret) {
        set("secret", secret);
    }

    @Override
    public int getIdReuseTimeout() {
        return number("id-reuse-timeout");
    }

    @Override
    public void setIdReuseTimeout(int seconds) {
        set("id-reuse-timeout", seconds);
    }

    @Override
    public int getMaxTxBuffers() {
        return number("max-tx-buffers");
    }

    @Override
    public void setMaxTxBuffers(int buffers) {
        set("max-tx-buffers", buffers);
    }

    @Override
    public int getMaxOutstanding() {
        return number("max-outstanding");
    }

    @Override
    public void setMaxOutstanding(int requests) {
        set("max-outstanding", requests);
    }

    @Override
    public String getSourceAddress() {
        return value("source-address");
    }

    @Override
    public void setSourceAddress(String address) {
        set("source-address", address);
    }

    @Override
    public String getTlsCertificate() {
        return value("tls-certificate");
    }

    @Override
    public void setTlsCertificate(String name) {
        set("tls-certificate", name);
    }

    @Override
    public String getTlsTrust() {
        return value("tls-trust");
    }

    @Override
    public void setTlsTrust(String name) {
        set("tls-trust", name);
    }

    @Override
    public String getTlsMinVersion() {
        return value("tls-min-version");
    }

    @Override
    public void setTlsMinVersion(String version) {
        set("tls-min-version", version);
    }

    @Override
    public String getTlsPeerName() {
        return value("tls-peer-name");
    }

    @Override
    public void setTlsPeerName(String name) {
        set("tls-peer-name", name);
    }

    @Override
    public int getTlsTimeout() {
        return number("tls-timeout");
    }

    @Override
    public void setTlsTimeout(int seconds) {
        set("tls-timeout", seconds);
    }

    @Override
    public int getTimeout() {
        return number("timeout");
    }

    @Override
    public void setTimeout(int seconds) {
        set("timeout", seconds);
    }

    @Override
    public int getRetries() {
        return number("retries");
    }

    @Override
    public void setRetries(int retries) {
        set("retries", retries);
    }

    @Override
    public String getRequireMessageAuth() {
        return value("require-message-auth");
    }

    @Override
    public void setRequireMessageAuth(String require) {
        set("require-message-auth", require);
    }

    @Override
    public int getStatusServer() {
        return number("status-server");
    }

    @Override
    public void setStatusServer(int seconds) {
        set("status-server", seconds);
    }

    @Override
    public int getIdleTimeout() {
        return number("idle-timeout");
    }

    @Override
    public void setIdleTimeout(int seconds) {
        set("idle-timeout", seconds);
    }

    @Override
    public boolean isDynamicRequests() {
        return Boolean.parseBoolean(value("dynamic-requests"));
    }

    @Override
    public void setDynamicRequests(boolean on) {
        set("dynamic-requests", on);
    }

    @Override
    public String getState() {
        return statistics().map(s -> s.state().name()).orElse("NOT RUNNING");
    }

    @Override
    public boolean isUp() {
        return statistics().map(s -> s.state() == DestinationStatistics.State.UP).orElse(false);
    }

    @Override
    public int getConnections() {
        return statistics().map(DestinationStatistics::connections).orElse(0);
    }

    @Override
    public String getTlsVersion() {
        return statistics().flatMap(DestinationStatistics::tlsVersion).orElse("");
    }

    @Override
    public String getCipherSuite() {
        return statistics().flatMap(DestinationStatistics::cipherSuite).orElse("");
    }

    @Override
    public String getPeerSubject() {
        return statistics().flatMap(DestinationStatistics::peerSubject).orElse("");
    }

    @Override
    public String getPeerNotAfter() {
        return statistics().flatMap(DestinationStatistics::peerNotAfter).map(Object::toString).orElse("");
    }

    @Override
    public long getPending() {
        return counter(DestinationStatistics::pending);
    }

    @Override
    public long getRequests() {
        return counter(DestinationStatistics::requests);
    }

    @Override
    public long getAccepts() {
        return counter(DestinationStatistics::accepts);
    }

    @Override
    public long getRejects() {
        return counter(DestinationStatistics::rejects);
    }

    @Override
    public long getChallenges() {
        return counter(DestinationStatistics::challenges);
    }

    @Override
    public long getResends() {
        return counter(DestinationStatistics::resends);
    }

    @Override
    public long getTimeouts() {
        return counter(DestinationStatistics::timeouts);
    }

    @Override
    public long getBadReplies() {
        return counter(DestinationStatistics::badReplies);
    }

    @Override
    public long getMalformed() {
        return counter(DestinationStatistics::malformed);
    }

    @Override
    public long getLastRequestRtt() {
        return counter(DestinationStatistics::lastRequestRttMillis);
    }

    @Override
    public void resetStatistics() {
        client.resetStatistics(id);
    }

    @Override
    public void reconnect() {
        if (!client.reconnect(id)) {
            throw new IllegalStateException("destination " + id + " is not running");
        }
    }

    @Override
    public String testAuthentication(String user, String password) {
        return tester.run(id, user, password).toString();
    }
}
