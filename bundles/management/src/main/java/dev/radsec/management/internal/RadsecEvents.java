package dev.radsec.management.internal;

import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.ListenerStateListener;
import java.time.Clock;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the stack's state changes (see {@link dev.radsec.management.Notifications}): it hears destinations and
 * listeners through the transport's whiteboard and certificates through the PKI's listener, and sends each change,
 * in order, to EventAdmin (when there is one) and to the sinks added here (the MBeans' JMX notifications). The
 * callers are transport and PKI threads that must not block: everything is handed to one thread of its own.
 */
@Component(service = {RadsecEvents.class, DestinationStateListener.class, ListenerStateListener.class},
        immediate = true)
public final class RadsecEvents implements DestinationStateListener, ListenerStateListener, CredentialListener {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecEvents.class);

    @Reference
    private CredentialService pki;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    private final CopyOnWriteArrayList<Consumer<RadsecEvent>> sinks = new CopyOnWriteArrayList<>();
    private Clock clock;
    private ExecutorService ownThread;
    private java.util.concurrent.Executor delivery;

    public RadsecEvents() {
    }

    /** Plain Java and tests: changes are timed by {@code clock} and delivered on {@code delivery}. */
    RadsecEvents(Clock clock, java.util.concurrent.Executor delivery, EventAdmin eventAdmin) {
        this.clock = clock;
        this.delivery = delivery;
        this.eventAdmin = eventAdmin;
    }

    @Activate
    void activate() {
        clock = Clock.systemUTC();
        ownThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "radsec-management-events");
            t.setDaemon(true);
            return t;
        });
        delivery = ownThread;
        pki.addListener(this);
    }

    @Deactivate
    void deactivate() {
        pki.removeListener(this);
        ownThread.shutdown();
    }

    /** Adds where events go besides EventAdmin; each is told every event, in order, on the delivery thread. */
    void addSink(Consumer<RadsecEvent> sink) {
        sinks.add(sink);
    }

    void removeSink(Consumer<RadsecEvent> sink) {
        sinks.remove(sink);
    }

    @Override
    public void stateChanged(int destinationId, DestinationStatistics.State previous,
                             DestinationStatistics.State current, String reason) {
        publish(RadsecEvent.destination(destinationId, previous, current, reason, clock.instant()));
    }

    @Override
    public void stateChanged(String listenerName, ListenerStateListener.State state, String detail) {
        publish(RadsecEvent.listener(listenerName, state, detail, clock.instant()));
    }

    @Override
    public void credentialChanged(CredentialEvent event) {
        String state = certificateState(event);
        if (state != null) {
            publish(RadsecEvent.certificate(event.name(), state, event.status().orElse(null), clock.instant()));
        }
    }

    /** The event's state in {@link dev.radsec.management.Notifications}' terms; null for what is not pushed. */
    static String certificateState(CredentialEvent event) {
        return switch (event.kind()) {
            case CERTIFICATE_AVAILABLE -> "AVAILABLE";
            case CERTIFICATE_CHANGED -> "CHANGED";
            case CERTIFICATE_REMOVED -> "REMOVED";
            case CERTIFICATE_EXPIRING -> "EXPIRING";
            case CERTIFICATE_UNAVAILABLE -> event.status().map(CertificateStatus::reason)
                    .filter(r -> r == CertificateStatus.Reason.REVOKED).isPresent() ? "REVOKED" : "UNAVAILABLE";
            case TRUST_CHANGED -> null; // the trust store MBeans show anchors and CRLs
        };
    }

    private void publish(RadsecEvent event) {
        try {
            delivery.execute(() -> deliver(event));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Not pushed, stopping: {}", event.message());
        }
    }

    private void deliver(RadsecEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            try {
                admin.postEvent(new Event(event.topic(), event.properties()));
            } catch (RuntimeException e) {
                LOG.warn("EventAdmin refused {}: {}", event.topic(), e.toString());
            }
        }
        for (Consumer<RadsecEvent> sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Pushing {} failed", event.notificationType(), e);
            }
        }
    }
}
