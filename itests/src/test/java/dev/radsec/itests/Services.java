package dev.radsec.itests;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * OSGi services for a test: those it uses, each waited for a bounded time, and those it registers. The trackers stay open until {@link #close}: closing
 * one would release the service object and let DS deactivate a delayed component the test still uses.
 */
final class Services implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BundleContext context;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private final List<org.osgi.framework.ServiceRegistration<?>> registrations = new ArrayList<>();

    Services(BundleContext context) {
        this.context = context;
    }

    <T> T get(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(TIMEOUT.toMillis());
        if (service == null) {
            fail("no " + type.getName() + " service within " + TIMEOUT.toSeconds() + " s\n" + KarafTestSupport.logTail());
        }
        return service;
    }

    /** Registers a service for the test; {@link #close} unregisters it. */
    <T> void register(Class<T> type, T service, java.util.Dictionary<String, ?> properties) {
        registrations.add(context.registerService(type, service, properties));
    }

    /**
     * Registers {@code handler} for the RADIUS listener named {@code listener}, as the transport's whiteboard finds
     * it.
     */
    void registerHandler(String listener, dev.radsec.transport.RadiusRequestHandler handler) {
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put(dev.radsec.transport.RadiusRequestHandler.LISTENER, listener);
        register(dev.radsec.transport.RadiusRequestHandler.class, handler, props);
    }

    @Override
    public void close() {
        for (org.osgi.framework.ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework stopped it
            }
        }
        registrations.clear();
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }
}
