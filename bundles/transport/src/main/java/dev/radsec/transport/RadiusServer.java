package dev.radsec.transport;

import dev.radsec.common.InvalidConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens RADIUS listeners for other bundles (OSGi service): a relay's NAS ports, a CoA/Disconnect port. A listener
 * opened here behaves exactly like a {@code dev.radsec.listener} configuration: clients by network with their
 * secrets, verification, duplicate answers, counters per client network, and the same validation.
 */
@ProviderType
public interface RadiusServer {

    /**
     * Opens a listener whose verified requests go to {@code handler}, or to a {@link RadiusRequestHandler} service
     * registered for the listener's name with a higher {@code service.ranking} than {@code ranking}.
     *
     * @throws InvalidConfigurationException naming the setting, when the spec does not validate
     * @throws IOException                   when the port cannot be bound
     */
    Listening listen(ListenerSpec spec, RadiusRequestHandler handler, int ranking)
            throws InvalidConfigurationException, IOException;

    /**
     * Checks a spec as {@link #listen} would, without opening anything: to refuse a bad configuration before the
     * running listener is touched.
     */
    void validate(ListenerSpec spec) throws InvalidConfigurationException;

    /** A running listener. */
    interface Listening extends AutoCloseable {
        /** Its name, as {@link RequestContext#listener()} and the listener counters show it. */
        String name();

        /** Where it is bound (the port chosen, when the spec asked for 0). */
        InetSocketAddress localAddress();

        /**
         * Its counters per client network, configured networks first (most specific first), then
         * {@link ClientNetworkStatistics#UNKNOWN}. Forwarded and no-destination are the relay's to count: 0 here.
         */
        List<ClientNetworkStatistics> networks();

        /** The configured client network {@code address} lies in, with its secret; empty when none. */
        Optional<ClientNetwork> client(InetAddress address);

        /** Stops listening; requests in progress still get their answers sent. */
        @Override
        void close();
    }
}
