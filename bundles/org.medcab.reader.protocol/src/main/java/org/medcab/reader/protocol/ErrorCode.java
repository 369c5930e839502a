package org.medcab.reader.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status or error code a reader answers (section 4 of the reader protocol). Codes outside the
 * table still decode: their {@link #meaning()} is "unknown 0xNN", so a new firmware never makes
 * a reply undecodable.
 *
 * @param code the byte, 0..255
 */
public record ErrorCode(int code) {
    private static final Map<Integer, String> MEANINGS = new LinkedHashMap<>();

    public static final ErrorCode SUCCESS = known(0x10, "success");
    public static final ErrorCode COMMAND_FAILED = known(0x11, "command failed");
    public static final ErrorCode MCU_RESET_ERROR = known(0x20, "MCU reset error");
    public static final ErrorCode CW_ON_ERROR = known(0x21, "CW on error");
    public static final ErrorCode ANTENNA_MISSING = known(0x22, "antenna missing");
    public static final ErrorCode FLASH_WRITE_ERROR = known(0x23, "flash write error");
    public static final ErrorCode FLASH_READ_ERROR = known(0x24, "flash read error");
    public static final ErrorCode SET_OUTPUT_POWER_ERROR = known(0x25, "set output power error");
    public static final ErrorCode TAG_INVENTORY_ERROR = known(0x31, "tag inventory error");
    public static final ErrorCode TAG_READ_ERROR = known(0x32, "tag read error");
    public static final ErrorCode TAG_WRITE_ERROR = known(0x33, "tag write error");
    public static final ErrorCode TAG_LOCK_ERROR = known(0x34, "tag lock error");
    public static final ErrorCode TAG_KILL_ERROR = known(0x35, "tag kill error");
    public static final ErrorCode NO_TAG = known(0x36, "no tag");
    public static final ErrorCode INVENTORY_OK_ACCESS_FAILED = known(0x37, "inventory OK, access failed");
    public static final ErrorCode BUFFER_EMPTY = known(0x38, "buffer empty");
    public static final ErrorCode ACCESS_FAILED = known(0x40, "access failed or wrong password");
    public static final ErrorCode INVALID_PARAMETER = known(0x41, "invalid parameter");
    public static final ErrorCode WORD_COUNT_TOO_LONG = known(0x42, "WordCnt too long");
    public static final ErrorCode MEMBANK_OUT_OF_RANGE = known(0x43, "MemBank out of range");
    public static final ErrorCode LOCK_REGION_OUT_OF_RANGE = known(0x44, "lock region out of range");
    public static final ErrorCode LOCK_TYPE_OUT_OF_RANGE = known(0x45, "lock type out of range");
    public static final ErrorCode INVALID_READER_ADDRESS = known(0x46, "invalid reader address");
    public static final ErrorCode ANTENNA_OUT_OF_RANGE = known(0x47, "antenna ID out of range");
    public static final ErrorCode OUTPUT_POWER_OUT_OF_RANGE = known(0x48, "output power out of range");
    public static final ErrorCode REGION_OUT_OF_RANGE = known(0x49, "frequency region out of range");
    public static final ErrorCode BAUD_RATE_OUT_OF_RANGE = known(0x4A, "baud rate out of range");
    public static final ErrorCode BEEPER_MODE_OUT_OF_RANGE = known(0x4B, "beeper mode out of range");
    public static final ErrorCode EPC_MATCH_TOO_LONG = known(0x4C, "EPC-match length too long");
    public static final ErrorCode EPC_MATCH_WRONG = known(0x4D, "EPC-match length wrong");
    public static final ErrorCode EPC_MATCH_BAD_MODE = known(0x4E, "EPC-match bad mode");
    public static final ErrorCode INVALID_FREQUENCY_RANGE = known(0x4F, "invalid frequency range");
    public static final ErrorCode NO_RN16 = known(0x50, "no RN16 from tag");
    public static final ErrorCode INVALID_DRM_MODE = known(0x51, "invalid DRM mode");
    public static final ErrorCode PLL_LOCK_FAILED = known(0x52, "PLL lock failed");
    public static final ErrorCode RF_CHIP_NOT_RESPONDING = known(0x53, "RF chip not responding");
    public static final ErrorCode OUTPUT_POWER_NOT_REACHED = known(0x54, "output power not reached");
    public static final ErrorCode COPYRIGHT_CHECK_FAILED = known(0x55, "firmware copyright check failed");
    public static final ErrorCode SPECTRUM_REGULATION_ERROR = known(0x56, "spectrum regulation error");
    public static final ErrorCode OUTPUT_POWER_TOO_LOW = known(0x57, "output power too low");
    public static final ErrorCode RETURN_LOSS_MEASUREMENT_FAILED = known(0xEE, "return-loss measurement failed");

    public ErrorCode {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("code must be 0..255: " + code);
        }
    }

    private static ErrorCode known(int code, String meaning) {
        MEANINGS.put(code, meaning);
        return new ErrorCode(code);
    }

    /** The code for this byte; never fails for a byte value. */
    public static ErrorCode of(int code) {
        return new ErrorCode(code & 0xFF);
    }

    /** Every code of the table, in table order. */
    public static Map<Integer, String> table() {
        return Collections.unmodifiableMap(MEANINGS);
    }

    public boolean isSuccess() {
        return code == SUCCESS.code;
    }

    public boolean isKnown() {
        return MEANINGS.containsKey(code);
    }

    /** What the code means, or "unknown 0xNN". */
    public String meaning() {
        String m = MEANINGS.get(code);
        return m != null ? m : String.format("unknown 0x%02X", code);
    }

    @Override
    public String toString() {
        return isKnown() ? String.format("0x%02X %s", code, meaning()) : meaning();
    }
}
