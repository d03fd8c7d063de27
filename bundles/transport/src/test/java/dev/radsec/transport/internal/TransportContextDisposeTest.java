package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoProcessor;
import org.junit.jupiter.api.Test;

class TransportContextDisposeTest {
    @Test
    void aProcessorPoolThatNeverConfirmsItsDisposalDoesNotHangTheStop() {
        CountDownLatch never = new CountDownLatch(1);
        IoProcessor<?> stuck = (IoProcessor<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IoProcessor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dispose")) {
                        never.await(); // as MINA 2.2.10 once did: waits for a processor thread that never confirms
                    }
                    return null;
                });
        long start = System.nanoTime();
        TransportContext.disposeWithin(stuck, Duration.ofMillis(50));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= 50 && took < 5_000, took + " ms");
    }

    @Test
    void aPoolThatStopsIsWaitedFor() {
        boolean[] disposed = new boolean[1];
        IoProcessor<?> quick = (IoProcessor<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IoProcessor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dispose")) {
                        disposed[0] = true;
                    }
                    return null;
                });
        TransportContext.disposeWithin(quick, Duration.ofSeconds(30));
        assertTrue(disposed[0]);
    }
}
