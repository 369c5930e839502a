package org.medcab.inventory.internal;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs inventory cycles one after another on their own thread and hands every report to the
 * listeners. A cycle starts only once the readers have been unchanged for the settle time, so that
 * readers registering one by one (start-up, reconfiguration) never make a cycle with part of them;
 * a cycle the engine discards because readers changed is not reported. A failing listener or a
 * failing cycle is logged and the loop goes on: the cabinet must keep counting whatever one consumer
 * does.
 */
final class CycleLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CycleLoop.class);

    /** Minimum wait after a cycle that failed unexpectedly, so a persistent fault cannot flood the log. */
    private static final long FAILED_CYCLE_BACKOFF_MILLIS = 1_000;

    private final InventoryEngine engine;
    private final CopyOnWriteArrayList<InventoryListener> listeners = new CopyOnWriteArrayList<>();
    private final Object threadLock = new Object();
    private Thread thread; // guarded by threadLock

    CycleLoop(InventoryEngine engine) {
        this.engine = engine;
    }

    void addListener(InventoryListener listener) {
        listeners.addIfAbsent(listener);
    }

    void removeListener(InventoryListener listener) {
        listeners.remove(listener);
    }

    void start() {
        synchronized (threadLock) {
            if (thread != null) {
                throw new IllegalStateException("inventory loop already started");
            }
            thread = new Thread(this::run, "medcab-inventory");
            // Never keep a JVM alive for the sake of counting; shutdown goes through stop().
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Interrupts the loop and waits for it to end.
     *
     * @return true when the thread ended within the timeout (a reader command in progress may not
     *         react to the interrupt until its own timeout)
     */
    boolean stop(Duration timeout) {
        Thread t;
        synchronized (threadLock) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return true;
        }
        t.interrupt();
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("inventory thread did not stop within {} ms", timeout.toMillis());
            return false;
        }
        return true;
    }

    private void run() {
        LOG.info("inventory started");
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!engine.hasReaders()) {
                    LOG.info("inventory waits for a reader");
                }
                engine.awaitSettledReaders(engine.settings().readerSettleMillis());
                long pause = engine.settings().cyclePauseMillis();
                try {
                    publish(engine.runCycle());
                } catch (CycleDiscardedException e) {
                    // Logged by the engine. The next cycle waits until the readers have settled.
                    continue;
                } catch (RuntimeException e) {
                    LOG.error("inventory cycle failed; the next one starts after the pause", e);
                    pause = Math.max(pause, FAILED_CYCLE_BACKOFF_MILLIS);
                }
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            // stop() asked us to end.
        } catch (Error e) {
            LOG.error("inventory thread died", e);
            throw e;
        }
        LOG.info("inventory stopped");
    }

    private void publish(CycleReport report) {
        for (InventoryListener listener : listeners) {
            try {
                listener.cycleCompleted(report);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.error("inventory listener {} failed on cycle {}", listener, report.cycle(), e);
            }
        }
    }
}
