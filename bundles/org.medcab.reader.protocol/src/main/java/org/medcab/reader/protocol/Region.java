package org.medcab.reader.protocol;

import java.util.Optional;

/** The frequency regions of 0x78/0x79 with a fixed channel plan; user-defined plans are {@link FrequencyRegion.UserDefined}. */
public enum Region {
    FCC(1), ETSI(2), CHN(3);

    /** The region byte of a user-defined channel plan. */
    public static final int USER_DEFINED_CODE = 4;

    private final int code;

    Region(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Region> of(int code) {
        for (Region r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
