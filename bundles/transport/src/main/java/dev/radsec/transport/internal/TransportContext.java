package dev.radsec.transport.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.transport.RadiusDictionary;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * What the client and the server side of the transport run on: the PKI (certificates and pre-shared keys), the dictionary, one timer and one pool of
 * MINA I/O processors, shared so that a relay's two sides use the same threads. It closes what it made: the
 * processors always, the timer only when it made that too (a component makes its own; tests hand in a manual one).
 */
@Component(service = TransportContext.class)
public final class TransportContext implements AutoCloseable {
    @Reference
    CredentialService pki;
    @Reference
    PreSharedKeys psks;
    @Reference
    RadiusDictionary dictionary;
    Scheduler timer;
    /** Which configurations use which pre-shared key, and which way (RFC 9813: never both). */
    final PskDirections pskDirections = new PskDirections();
    /** Every RADIUS secret configured: a pre-shared key equal to one is never used (RFC 9813). */
    final ConfiguredSecrets secrets = new ConfiguredSecrets();
    IoProcessor<NioSession> processors;
    /** Deferred link writes and request completions, off the I/O threads. */
    ExecutorService io;
    /** The timer this context made itself, and so closes; null when one was handed in. */
    private ExecutorScheduler ownTimer;

    public TransportContext() {
    }

    /** Plain-Java use and tests: on {@code timer}, which stays open when the context closes. */
    TransportContext(CredentialService pki, Dictionary dictionary, Scheduler timer) {
        this(pki, NoPreSharedKeys.INSTANCE, dictionary, timer);
    }

    /** Plain-Java use and tests, with pre-shared keys. */
    TransportContext(CredentialService pki, PreSharedKeys psks, Dictionary dictionary, Scheduler timer) {
        this.pki = pki;
        this.psks = psks;
        this.dictionary = RadiusDictionary.of(dictionary);
        this.timer = timer;
        start();
    }

    @Activate
    void activate() {
        ownTimer = new ExecutorScheduler(Clock.systemUTC(), "radsec-transport-timer");
        timer = ownTimer;
        start();
    }

    private void start() {
        processors = new SimpleIoProcessorPool<>(NioProcessor.class);
        AtomicInteger n = new AtomicInteger();
        // Bounded: the work is short (queue a write, complete a future); a callback that blocks only delays others.
        io = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "radsec-transport-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How long stopping waits for MINA's I/O processors before it goes on without them. */
    static final java.time.Duration DISPOSE_PATIENCE = java.time.Duration.ofSeconds(5);

    /**
     * Disposes {@code pool}, waiting at most {@code patience}. MINA 2.2.10's dispose waits without limit for each
     * processor's thread to confirm, and once, under heavy load in a test, no thread ever did: a bundle stop (and so
     * {@code bin/stop}) must not hang on that. What is left are daemon threads of an unused pool.
     */
    static void disposeWithin(IoProcessor<?> pool, java.time.Duration patience) {
        Thread disposer = new Thread(pool::dispose, "radsec-transport-dispose");
        disposer.setDaemon(true);
        disposer.start();
        try {
            disposer.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (disposer.isAlive()) {
            org.slf4j.LoggerFactory.getLogger(TransportContext.class).warn(
                    "MINA's I/O processors did not stop within {} s; going on without them", patience.toSeconds());
        }
    }

    @Deactivate
    @Override
    public void close() {
        disposeWithin(processors, DISPOSE_PATIENCE);
        io.shutdown();
        if (ownTimer != null) {
            ownTimer.close();
        }
    }
}
