package org.medcab.reader.protocol;

import java.util.Optional;

/** The RF link profiles of 0x69/0x6A. */
public enum LinkProfile {
    /** Tari 25 µs, FM0, 40 kHz. */
    D0(0xD0),
    /** Tari 25 µs, Miller-4, 250 kHz; the default. */
    D1(0xD1),
    /** Tari 25 µs, Miller-4, 300 kHz. */
    D2(0xD2),
    /** Tari 6.25 µs, FM0, 400 kHz. */
    D3(0xD3);

    private final int code;

    LinkProfile(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<LinkProfile> of(int code) {
        for (LinkProfile p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
