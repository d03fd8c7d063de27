package dev.radsec.transport.interop;

import dev.radsec.codec.interop.TestPki;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.pki.internal.CredentialRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What our side of an interop test stands on, for {@link Peer} and {@link OwnServer}: a test PKI, our credential
 * registry holding its certificates by name and its CA as trust store {@code default}, and the timer our clients and
 * servers share.
 */
abstract class OurSide {
    final TestPki pki;
    final ExecutorScheduler scheduler;
    final NioFileWatcher watcher;
    final CredentialRegistry credentials;
    final ExecutorScheduler timer;

    /**
     * A fresh PKI in {@code dir/pki}, and our registry loaded with it: the certificates named (each the PKI's
     * credential of that name: {@code client}, {@code server}) and the trust store. Returns once all are loaded: the
     * PKI loads on its own thread, and a destination configured before would fail its first handshake and reconnect,
     * which is covered elsewhere. Here the tests start from a ready PKI.
     *
     * @param threads the prefix of the threads' names, e.g. {@code own}
     */
    OurSide(Path dir, String threads, String... certificates) throws Exception {
        pki = TestPki.create(dir.resolve("pki"));
        scheduler = new ExecutorScheduler(Clock.systemUTC(), threads + "-pki");
        watcher = new NioFileWatcher(threads + "-watch");
        credentials = new CredentialRegistry(scheduler, watcher, dir);
        timer = new ExecutorScheduler(Clock.systemUTC(), threads + "-transport");
        for (String name : certificates) {
            TestPki.Credential credential = name.equals("server") ? pki.server() : pki.client();
            credentials.certificateConfigured("cert-" + name, Map.of("name", name,
                    "certificate", credential.certificate().toString(), "private-key", credential.key().toString()));
        }
        credentials.trustConfigured("trust-default", Map.of("ca", pki.caCertificate().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!loaded(certificates)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PKI not ready: " + credentials.certificate(certificates[0]));
            }
            Thread.onSpinWait();
        }
    }

    private boolean loaded(String... certificates) {
        for (String name : certificates) {
            if (!credentials.certificate(name).isAvailable()) {
                return false;
            }
        }
        return !credentials.trustAnchors("default").isEmpty();
    }

    /** Stops what the PKI runs on: the file watcher and the PKI's scheduler. */
    void closePki() {
        watcher.close();
        scheduler.close();
    }
}
