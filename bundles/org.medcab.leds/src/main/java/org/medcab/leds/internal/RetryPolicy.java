package org.medcab.leds.internal;

import java.time.Duration;

/**
 * Pauses between attempts to show a scene on a failing driver: {@code first}, doubling, at most
 * {@code longest}.
 */
record RetryPolicy(Duration first, Duration longest) {
    static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));

    RetryPolicy {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry pauses must be positive and the longest no shorter than the first: "
                    + first.toMillis() + " ms, " + longest.toMillis() + " ms");
        }
    }

    /** The pause after the given number of failed attempts in a row (from 1). */
    Duration pauseAfter(int failures) {
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
