package org.medcab.rules.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Holds scheduled tasks until the test runs them, moving its clock by their delay first. */
final class ManualScheduler implements MidnightTimer.Scheduler {
    record Task(Runnable task, Duration delay, boolean[] cancelled) {
    }

    final List<Task> tasks = new ArrayList<>();
    private final MutableClock clock;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public MidnightTimer.Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(task, delay, new boolean[1]);
        tasks.add(t);
        return () -> t.cancelled()[0] = true;
    }

    /** The one task waiting (not cancelled). */
    Task pending() {
        List<Task> live = tasks.stream().filter(t -> !t.cancelled()[0]).toList();
        if (live.size() != 1) {
            throw new AssertionError("expected one pending task, found " + live.size());
        }
        return live.get(0);
    }

    /** Lets the pending task's delay pass on the clock and runs it. */
    Duration runPending() {
        Task t = pending();
        tasks.remove(t);
        clock.advance(t.delay());
        t.task().run();
        return t.delay();
    }

    /** Runs the pending task now, as a scheduler would after the wall clock jumped (its delay counts elapsed time). */
    void runPendingWithoutMovingTheClock() {
        Task t = pending();
        tasks.remove(t);
        t.task().run();
    }
}
