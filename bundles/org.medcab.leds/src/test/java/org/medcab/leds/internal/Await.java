package org.medcab.leds.internal;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what another thread (a driver's worker, a serial line) makes true. */
final class Await {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    static void until(Supplier<Boolean> condition, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(10);
        }
    }
}
