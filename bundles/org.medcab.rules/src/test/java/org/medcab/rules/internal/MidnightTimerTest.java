package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MidnightTimerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration MAX_SLEEP = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(at("2026-06-01T23:59:59", BERLIN));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final AtomicInteger newDays = new AtomicInteger();
    private final MidnightTimer timer = new MidnightTimer(clock, scheduler, MAX_SLEEP, newDays::incrementAndGet);

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @ParameterizedTest(name = "{0} in {1}: next day begins {2}")
    @CsvSource({
            // An ordinary day, and the instant of midnight itself belongs to the new day.
            "2026-06-01T12:00:00Z, Europe/Berlin, 2026-06-01T22:00:00Z",
            "2026-06-01T22:00:00Z, Europe/Berlin, 2026-06-02T22:00:00Z",
            "2026-06-01T21:59:59Z, Europe/Berlin, 2026-06-01T22:00:00Z",
            // Berlin springs forward on 29 March 2026 at 02:00: that day has 23 hours.
            "2026-03-28T23:30:00Z, Europe/Berlin, 2026-03-29T22:00:00Z",
            // ... and falls back on 25 October 2026 at 03:00: 25 hours.
            "2026-10-24T22:30:00Z, Europe/Berlin, 2026-10-25T23:00:00Z",
            // Santiago springs forward at midnight on 8 September 2024: that day begins at 01:00.
            "2024-09-07T12:00:00Z, America/Santiago, 2024-09-08T04:00:00Z",
            // ... and falls back at midnight on 7 April 2024 (23:00-24:00 of the 6th twice): 00:00 comes after it.
            "2024-04-06T12:00:00Z, America/Santiago, 2024-04-07T04:00:00Z",
            "2024-04-07T03:30:00Z, America/Santiago, 2024-04-07T04:00:00Z",
            // A UTC+14 zone: its midnight is 10:00 UTC the day before.
            "2026-06-01T09:00:00Z, Pacific/Kiritimati, 2026-06-01T10:00:00Z",
    })
    void nextMidnight(Instant now, ZoneId zone, Instant expected) {
        Instant next = MidnightTimer.nextMidnight(now, zone);
        assertEquals(expected, next);
        assertEquals(LocalDate.ofInstant(now, zone).plusDays(1), LocalDate.ofInstant(next, zone));
        assertEquals(LocalDate.ofInstant(now, zone), LocalDate.ofInstant(next.minusNanos(1), zone));
    }

    @Test
    void firesAtLocalMidnightOnceAndSleepsAtMostMaxSleep() {
        timer.start(BERLIN);
        assertEquals(Duration.ofSeconds(1), scheduler.pending().delay(), "23:59:59 is one second before midnight");
        scheduler.runPending();
        assertEquals(1, newDays.get());
        assertEquals(at("2026-06-02T00:00:00", BERLIN), clock.instant());
        // 24 hours until the next, looked at every 10 minutes without firing.
        Duration slept = Duration.ZERO;
        while (newDays.get() == 1) {
            slept = slept.plus(scheduler.runPending());
            assertEquals(true, slept.compareTo(Duration.ofHours(24)) <= 0, "slept " + slept);
        }
        assertEquals(Duration.ofHours(24), slept);
        assertEquals(at("2026-06-03T00:00:00", BERLIN), clock.instant());
    }

    @Test
    void theDayClocksSpringForwardIsTwentyThreeHours() {
        clock.set(at("2026-03-29T00:00:00", BERLIN));
        timer.start(BERLIN);
        Duration slept = Duration.ZERO;
        while (newDays.get() == 0) {
            slept = slept.plus(scheduler.runPending());
        }
        assertEquals(Duration.ofHours(23), slept);
        assertEquals(ZonedDateTime.of(2026, 3, 30, 0, 0, 0, 0, BERLIN).toInstant(), clock.instant());
    }

    @Test
    void wallClockSetForwardAcrossADateIsNoticedWithinMaxSleep() {
        clock.set(at("2026-06-01T10:00:00", BERLIN));
        timer.start(BERLIN);
        assertEquals(MAX_SLEEP, scheduler.pending().delay());
        clock.set(at("2026-06-03T10:00:00", BERLIN)); // NTP correction while the scheduler sleeps
        scheduler.runPendingWithoutMovingTheClock();
        assertEquals(1, newDays.get());
    }

    @Test
    void wallClockSetBackAcrossADateRunsTheRulesForThatDate() {
        clock.set(at("2026-06-02T00:05:00", BERLIN));
        timer.start(BERLIN);
        clock.set(at("2026-06-01T23:58:00", BERLIN));
        scheduler.runPendingWithoutMovingTheClock();
        assertEquals(1, newDays.get(), "the date went back: the rules must count from it");
        assertEquals(Duration.ofMinutes(2), scheduler.pending().delay());
        scheduler.runPending();
        assertEquals(2, newDays.get());
    }

    @Test
    void aFailingTaskDoesNotEndTheDays() {
        MidnightTimer failing = new MidnightTimer(clock, scheduler, MAX_SLEEP, () -> {
            newDays.incrementAndGet();
            throw new IllegalStateException("test");
        });
        failing.start(BERLIN);
        try {
            scheduler.runPending();
        } catch (IllegalStateException expected) {
            // the component's executor logs it
        }
        assertEquals(1, newDays.get());
        assertEquals(MAX_SLEEP, scheduler.pending().delay(), "the next midnight is still awaited");
    }

    @Test
    void restartInAnotherZoneCancelsThePendingWait() {
        timer.start(BERLIN);
        timer.start(ZoneId.of("Asia/Shanghai"));
        // 23:59:59 in Berlin (CEST) is 05:59:59 next day in Shanghai; its midnight is 18 h away, so 10 min.
        assertEquals(MAX_SLEEP, scheduler.pending().delay());
        timer.stop();
        assertEquals(0, scheduler.tasks.stream().filter(t -> !t.cancelled()[0]).count());
    }
}
