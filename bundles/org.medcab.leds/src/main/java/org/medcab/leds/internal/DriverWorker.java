package org.medcab.leds.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver's own thread with a mailbox that holds only the newest scene: offering never waits, a
 * slow driver skips the scenes it was too slow for, and a failing one is retried with the newest
 * scene after the pauses of its {@link RetryPolicy}. One WARN per outage, one INFO on recovery, and
 * each of the two passed to the health listener (on this worker's thread).
 */
final class DriverWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverWorker.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final LightDriver driver;
    private final String name;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Consumer<DriverHealth> healthChanged;
    private final Thread thread;
    private final Object lock = new Object();
    private LightScene pending; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile DriverHealth health;

    DriverWorker(LightDriver driver, RetryPolicy retry, Clock clock, Consumer<DriverHealth> healthChanged) {
        this.driver = driver;
        this.name = safeName(driver);
        this.retry = retry;
        this.clock = clock;
        this.healthChanged = healthChanged;
        this.health = new DriverHealth(name, true, "", null, 0);
        this.thread = new Thread(this::run, "medcab-leds " + name);
        thread.setDaemon(true);
        thread.start();
    }

    LightDriver driver() {
        return driver;
    }

    DriverHealth health() {
        return health;
    }

    /** Replaces whatever scene the driver has not started to show yet; never blocks for long. */
    void offer(LightScene scene) {
        synchronized (lock) {
            pending = scene;
            lock.notifyAll();
        }
    }

    private void run() {
        try {
            LightScene scene;
            while ((scene = next()) != null) {
                showUntilShown(scene);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void showUntilShown(LightScene first) throws InterruptedException {
        LightScene scene = first;
        while (true) {
            try {
                driver.show(scene);
                shown();
                return;
            } catch (LightDriverException | RuntimeException e) {
                Duration pause = failed(e);
                long until = System.nanoTime() + pause.toNanos();
                synchronized (lock) {
                    long left;
                    while (!closed && (left = until - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                    if (closed) {
                        return;
                    }
                    if (pending != null) {
                        scene = pending;
                        pending = null;
                    }
                }
            }
        }
    }

    /** The next scene to show, or null once closed. */
    private LightScene next() throws InterruptedException {
        synchronized (lock) {
            while (!closed && pending == null) {
                lock.wait();
            }
            if (closed) {
                return null;
            }
            LightScene scene = pending;
            pending = null;
            return scene;
        }
    }

    private void shown() {
        DriverHealth was = health;
        if (!was.working()) {
            LOG.info("light driver {} works again after {} failed attempts since {}; lamps show the current lights",
                    name, was.failures(), was.since());
            health = new DriverHealth(name, true, "", clock.instant(), 0);
            tell(health);
        } else if (was.since() == null) {
            health = new DriverHealth(name, true, "", clock.instant(), 0);
        }
    }

    private Duration failed(Exception e) {
        DriverHealth was = health;
        int failures = was.failures() + 1;
        Duration pause = retry.pauseAfter(failures);
        String problem = e.getMessage() == null ? e.toString() : e.getMessage();
        if (was.working()) {
            LOG.warn("light driver {} failed, its lamps may show old or no lights: {}; retrying after {} ms, then doubling up to {} ms",
                    name, problem, pause.toMillis(), retry.longest().toMillis(), e instanceof RuntimeException ? e : null);
            health = new DriverHealth(name, false, problem, clock.instant(), failures);
            tell(health);
        } else {
            LOG.debug("light driver {} still failing (attempt {}): {}", name, failures, problem);
            health = new DriverHealth(name, false, problem, was.since(), failures);
        }
        return pause;
    }

    private void tell(DriverHealth changed) {
        try {
            healthChanged.accept(changed);
        } catch (RuntimeException e) {
            LOG.error("light driver {}: health change not passed on", name, e);
        }
    }

    private static String safeName(LightDriver driver) {
        try {
            return driver.name();
        } catch (RuntimeException e) {
            return driver.getClass().getName();
        }
    }

    /** Stops the thread; a driver call in progress gets a moment to finish, then an interrupt. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("light driver {} did not return within {} ms; interrupting it", name, CLOSE_WAIT_MILLIS);
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
