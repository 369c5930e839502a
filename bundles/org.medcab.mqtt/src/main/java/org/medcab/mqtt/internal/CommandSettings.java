package org.medcab.mqtt.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the command path, validated once.
 *
 * @param maxPayloadBytes  a command larger than this is rejected unread (never truncated)
 * @param requestRetention how long a finished request id is remembered, so that a redelivery or a
 *                         resend is answered from the stored reply instead of being applied again
 * @param requestLogLimit  how many request ids are remembered at most (the oldest finished ones go first)
 */
record CommandSettings(int maxPayloadBytes, Duration requestRetention, int requestLogLimit) {
    static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    static final int DEFAULT_LOG_LIMIT = 100_000;

    CommandSettings {
        Objects.requireNonNull(requestRetention, "requestRetention");
        if (maxPayloadBytes < 1024) {
            // Below 1 KiB not even a small command with its envelope fits.
            throw new IllegalArgumentException("commandMaxPayloadBytes must be at least 1024, not " + maxPayloadBytes);
        }
        if (requestRetention.isNegative() || requestRetention.isZero()) {
            throw new IllegalArgumentException("the request retention must be positive, not " + requestRetention);
        }
        if (requestLogLimit < 1) {
            throw new IllegalArgumentException("commandRequestLogLimit must be positive, not " + requestLogLimit);
        }
    }

    static CommandSettings defaults() {
        return new CommandSettings(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_RETENTION, DEFAULT_LOG_LIMIT);
    }
}
