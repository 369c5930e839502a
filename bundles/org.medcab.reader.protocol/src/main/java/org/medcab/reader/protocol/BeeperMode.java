package org.medcab.reader.protocol;

import java.util.Optional;

/** The beeper setting of 0x7A. */
public enum BeeperMode {
    QUIET(0),
    /** Beep after a round that saw tags. */
    AFTER_ROUND(1),
    /** Beep per tag; slows anti-collision down. */
    PER_TAG(2);

    private final int code;

    BeeperMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<BeeperMode> of(int code) {
        for (BeeperMode m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
