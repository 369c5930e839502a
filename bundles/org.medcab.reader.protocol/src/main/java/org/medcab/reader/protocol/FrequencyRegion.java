package org.medcab.reader.protocol;

/**
 * The channel plan set with 0x78 and read with 0x79: a fixed region with a range of frequency
 * indices, or a user-defined plan.
 */
public sealed interface FrequencyRegion {
    /** Highest frequency index of the fixed plans (928.0 MHz). */
    int MAX_INDEX = 59;

    /** The Data bytes of 0x78 and of the reply to 0x79. */
    byte[] toBytes();

    /**
     * Centre frequency of a frequency index in kHz: 0..6 → 865.0 + 0.5·idx MHz, 7..59 → 902.0 +
     * 0.5·(idx − 7) MHz.
     */
    static int channelKhz(int index) {
        Bytes.requireRange("index", index, 0, MAX_INDEX);
        return index <= 6 ? 865_000 + 500 * index : 902_000 + 500 * (index - 7);
    }

    /** A fixed region using the channels {@code startIndex..endIndex}. */
    record Band(Region region, int startIndex, int endIndex) implements FrequencyRegion {
        public Band {
            if (region == null) {
                throw new IllegalArgumentException("region must not be null");
            }
            Bytes.requireRange("startIndex", startIndex, 0, MAX_INDEX);
            Bytes.requireRange("endIndex", endIndex, startIndex, MAX_INDEX);
        }

        @Override
        public byte[] toBytes() {
            return new byte[] {(byte) region.code(), (byte) startIndex, (byte) endIndex};
        }
    }

    /**
     * A user-defined plan: {@code channels} channels {@code spacingKhz} apart from {@code startKhz}.
     *
     * @param spacingKhz channel spacing, a multiple of 10 kHz, 10..2550
     * @param channels   number of channels, 1..255
     * @param startKhz   first channel, 840000..960000 kHz (the Gen2 band)
     */
    record UserDefined(int spacingKhz, int channels, int startKhz) implements FrequencyRegion {
        public UserDefined {
            Bytes.requireRange("spacingKhz", spacingKhz, 10, 2550);
            if (spacingKhz % 10 != 0) {
                throw new IllegalArgumentException("spacingKhz must be a multiple of 10: " + spacingKhz);
            }
            Bytes.requireRange("channels", channels, 1, 255);
            Bytes.requireRange("startKhz", startKhz, 840_000, 960_000);
        }

        @Override
        public byte[] toBytes() {
            byte[] out = {(byte) Region.USER_DEFINED_CODE, (byte) (spacingKhz / 10), (byte) channels, 0, 0, 0};
            Bytes.putUnsigned(out, 3, startKhz, 3);
            return out;
        }
    }

    /** Reads 3 bytes (fixed region) or 6 bytes (user-defined); rejects anything else. */
    static FrequencyRegion fromBytes(byte[] b) {
        if (b.length == 3) {
            int code = b[0] & 0xFF;
            Region region = Region.of(code)
                    .orElseThrow(() -> new IllegalArgumentException("region must be 1..3 with 3 bytes: " + code));
            return new Band(region, b[1] & 0xFF, b[2] & 0xFF);
        }
        if (b.length == 6 && (b[0] & 0xFF) == Region.USER_DEFINED_CODE) {
            int start = ((b[3] & 0xFF) << 16) | ((b[4] & 0xFF) << 8) | (b[5] & 0xFF);
            return new UserDefined((b[1] & 0xFF) * 10, b[2] & 0xFF, start);
        }
        throw new IllegalArgumentException("region needs 3 bytes, or 6 bytes starting with 4: " + b.length + " bytes");
    }
}
