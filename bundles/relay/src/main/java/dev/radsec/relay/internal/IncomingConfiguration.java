package dev.radsec.relay.internal;

import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ConfigReader;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.transport.ListenerSpec;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RadiusServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming listener for dynamic authorization, like MikroTik's {@code /radius incoming} (PID
 * {@code dev.radsec.incoming}): CoA-Request and Disconnect-Request (RFC 5176) on UDP port 3799, verified and handed
 * to {@link RadiusRequestHandler} services registered with {@code radsec.listener=incoming}, which other bundles
 * provide to end or change sessions. Without one, the answer is a NAK with Error-Cause 503 (Session Context Not
 * Found) for a Disconnect and 405 (Unsupported Service) for a CoA: never silence.
 */
@Component(configurationPid = "dev.radsec.incoming", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = IncomingConfig.class)
public final class IncomingConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingConfiguration.class);
    /** The listener name handlers select. */
    public static final String LISTENER = dev.radsec.relay.IncomingListener.NAME;
    private static final String PID = "dev.radsec.incoming";
    private static final UnknownKeyWarnings UNKNOWN_KEYS = new UnknownKeyWarnings();

    @Reference
    private RadiusServer server;
    private RadiusServer.Listening listening;

    /** Answers when no other handler serves the incoming listener. */
    static final RadiusRequestHandler NOBODY_HOME = (context, request) -> {
        PacketCode nak;
        long cause;
        if (request.code() == PacketCode.DISCONNECT_REQUEST) {
            nak = PacketCode.DISCONNECT_NAK;
            cause = 503; // Session-Context-Not-Found
        } else if (request.code() == PacketCode.COA_REQUEST) {
            nak = PacketCode.COA_NAK;
            cause = 405; // Unsupported-Service
        } else {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(RadiusPacket.builder(nak, request.dictionary())
                .add("Error-Cause", cause).build());
    };

    public IncomingConfiguration() {
    }

    /** Plain-Java use and tests. */
    public IncomingConfiguration(RadiusServer server) {
        this.server = server;
    }

    @Activate
    @Modified
    public void apply(Map<String, Object> properties) {
        ConfigReader v = new ConfigReader(properties);
        try {
            boolean accept = v.bool("accept", false);
            ListenerSpec.Builder spec = spec(v);
            UNKNOWN_KEYS.warn(PID, v.unknownKeys());
            if (accept) {
                server.validate(spec.build()); // refuse before touching the running listener
            }
            remove();
            if (accept) {
                // Whiteboard handlers for "incoming" rank above this one, which only says no.
                listening = server.listen(spec.build(), NOBODY_HOME, Integer.MIN_VALUE);
            } else {
                LOG.info("Incoming CoA/Disconnect listener off (accept = false)");
            }
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", PID, e.getMessage());
        } catch (IOException e) {
            LOG.error("Configuration {}: cannot listen: {}", PID, e.getMessage());
        }
    }

    /** The listener the configuration describes (its validator checks the same one). */
    static ListenerSpec.Builder spec(ConfigReader v) throws InvalidConfigurationException {
        return ListenerSpec.udp(LISTENER).address(v.string("address", "127.0.0.1"))
                .port((int) v.number("port", 3799, 0, 65535)).clients(v.string("clients", "127.0.0.1/32"))
                .secret(v.string("secret", null))
                // RFC 5176 requests carry a computed authenticator; Message-Authenticator is verified when present.
                .requireMessageAuth(RequireMessageAuth.FALSE);
    }

    @Deactivate
    public void remove() {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }
}
