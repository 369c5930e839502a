package org.medcab.picking.internal;

import java.time.Duration;

/**
 * Validated pick settings.
 *
 * @param defaultTimeout how long a pick runs when its order names no timeout
 * @param maxTimeout     the longest timeout an order may ask for
 * @param criticalDays   items with this many days left or fewer (or expired) are not offered
 */
record PickSettings(Duration defaultTimeout, Duration maxTimeout, int criticalDays) {
    static final PickSettings DEFAULTS = new PickSettings(Duration.ofSeconds(600), Duration.ofSeconds(3600), 5);

    PickSettings {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeoutSeconds must be at least 1");
        }
        if (maxTimeout.compareTo(defaultTimeout) < 0) {
            throw new IllegalArgumentException("maxTimeoutSeconds " + maxTimeout.toSeconds()
                    + " is below defaultTimeoutSeconds " + defaultTimeout.toSeconds());
        }
        if (criticalDays < 0) {
            throw new IllegalArgumentException("criticalDays must not be negative");
        }
    }

    static PickSettings of(int defaultTimeoutSeconds, int maxTimeoutSeconds, int criticalDays) {
        return new PickSettings(Duration.ofSeconds(defaultTimeoutSeconds), Duration.ofSeconds(maxTimeoutSeconds),
                criticalDays);
    }
}
