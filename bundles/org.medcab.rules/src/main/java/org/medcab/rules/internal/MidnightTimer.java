package org.medcab.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Runs a task when the local date changes in a time zone: at local midnight, and also after the
 * wall clock jumps across a date (NTP correction, manual setting) in either direction. Each time it
 * works out the next midnight afresh from the clock and the zone's rules, so a DST change or a day
 * without a midnight (a zone that springs forward at 00:00 starts its day at 01:00) lands on the
 * right instant ({@link #nextMidnight}); it never sleeps longer than {@code maxSleep}, because a scheduler counts elapsed
 * time and does not notice the wall clock jumping.
 *
 * <p>Not thread-safe: {@link #start}, {@link #stop} and the scheduled ticks must run on one thread
 * (the rules thread).
 */
final class MidnightTimer {

    /** Runs a task once after a delay; how the component and the tests drive time. */
    interface Scheduler {
        Cancellable schedule(Runnable task, Duration delay);
    }

    interface Cancellable {
        void cancel();
    }

    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration maxSleep;
    private final Runnable onNewDay;
    private ZoneId zone;
    private LocalDate date;
    private Cancellable pending;

    MidnightTimer(Clock clock, Scheduler scheduler, Duration maxSleep, Runnable onNewDay) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.maxSleep = maxSleep;
        this.onNewDay = onNewDay;
    }

    /** (Re)starts counting days in {@code timeZone} from today's date there. */
    void start(ZoneId timeZone) {
        stop();
        zone = timeZone;
        date = LocalDate.ofInstant(clock.instant(), zone);
        scheduleNext();
    }

    void stop() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /**
     * The instant the day after the one {@code now} falls on begins in {@code zone}: normally its
     * 00:00; 01:00 where the clocks spring forward at midnight (America/Santiago in September); and
     * where they fall back at midnight (America/Santiago in April) the 00:00 after the repeated hour.
     */
    static Instant nextMidnight(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    private void tick() {
        pending = null;
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            if (!today.equals(date)) {
                date = today;
                onNewDay.run();
            }
        } finally {
            scheduleNext(); // a failing task must not end the days
        }
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        Duration untilMidnight = Duration.between(now, nextMidnight(now, zone));
        Duration delay = untilMidnight.compareTo(maxSleep) < 0 ? untilMidnight : maxSleep;
        pending = scheduler.schedule(this::tick, delay);
    }
}
