package org.medcab.leds.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;

/** A driver of our own interface that remembers every scene it was shown; can be made to fail or to hang. */
class RecordingDriver implements LightDriver {
    private final String name;
    private final boolean followsBlinkPhases;
    private final List<LightScene> shown = new ArrayList<>();
    private final List<Long> attempts = new ArrayList<>();
    private int failuresLeft;
    private volatile CountDownLatch gate;

    RecordingDriver(String name, boolean followsBlinkPhases) {
        this.name = name;
        this.followsBlinkPhases = followsBlinkPhases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean followsBlinkPhases() {
        return followsBlinkPhases;
    }

    @Override
    public void show(LightScene scene) throws LightDriverException {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LightDriverException("interrupted");
            }
        }
        synchronized (this) {
            attempts.add(System.nanoTime());
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new LightDriverException("port gone");
            }
            shown.add(scene);
            notifyAll();
        }
    }

    synchronized void failNext(int times) {
        failuresLeft = times;
    }

    /** Calls to show wait until {@link #open()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    synchronized List<LightScene> shown() {
        return List.copyOf(shown);
    }

    synchronized List<Long> attempts() {
        return List.copyOf(attempts);
    }

    /** Waits until the newest scene shown satisfies the condition. */
    synchronized LightScene awaitShown(Predicate<LightScene> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shown.isEmpty() || !condition.test(shown.get(shown.size() - 1))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " was never shown the expected scene; last: "
                        + (shown.isEmpty() ? "none" : shown.get(shown.size() - 1)));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return shown.get(shown.size() - 1);
    }
}
