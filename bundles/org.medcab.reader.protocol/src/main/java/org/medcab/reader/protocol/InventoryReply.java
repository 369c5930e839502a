package org.medcab.reader.protocol;

/**
 * One frame of the reply stream of an inventory command (0x89, 0x8A, 0x8B). The stream is a
 * number of {@link TagRecord}s (and, for 0x8A, {@link AntennaError}s) ended by a summary or an
 * {@link ErrorReply}; {@link #endsCommand()} says which frame is the last one. The kinds are told
 * apart by data length: 1 = error, 2 = 0x8A antenna error, 7 = summary, even and at least 4 = tag
 * record.
 */
public sealed interface InventoryReply permits TagRecord, InventorySummary, FastSwitchSummary, AntennaError, ErrorReply {

    /** Whether this frame is the last of the command's reply stream. */
    boolean endsCommand();

    /**
     * Reads one frame of an inventory reply stream.
     *
     * @param withPhase whether the request asked for phase (extended 0x8B with phase on): then tag
     *                  records carry two phase bytes after RSSI
     * @throws MalformedFrameException when the frame is not a reply to 0x89/0x8A/0x8B or its data
     *         length fits none of the shapes; never an unchecked exception
     */
    static InventoryReply decode(Frame frame, boolean withPhase) throws MalformedFrameException {
        int cmd = frame.command();
        boolean fastSwitch = cmd == Command.FAST_SWITCH_INVENTORY.code();
        if (!fastSwitch && cmd != Command.REAL_TIME_INVENTORY.code() && cmd != Command.SESSION_INVENTORY.code()) {
            throw new MalformedFrameException(frame, String.format("0x%02X is not an inventory reply", cmd));
        }
        int n = frame.dataLength();
        if (n == 1) {
            return new ErrorReply(ErrorCode.of(frame.dataAt(0)));
        }
        if (n == 2 && fastSwitch) {
            return new AntennaError(frame.dataAt(0), ErrorCode.of(frame.dataAt(1)));
        }
        if (n == 7) {
            return fastSwitch
                    ? new FastSwitchSummary((int) frame.dataUnsigned(0, 3), frame.dataUnsigned(3, 4))
                    : new InventorySummary(frame.dataAt(0), (int) frame.dataUnsigned(1, 2), frame.dataUnsigned(3, 4));
        }
        int epcLength = n - (withPhase ? 6 : 4);
        if (n % 2 == 0 && epcLength >= 0) {
            return TagRecord.fromFrame(frame, epcLength, withPhase);
        }
        throw new MalformedFrameException(frame, "inventory reply data length " + n + " fits no reply shape"
                + (withPhase ? " (with phase)" : ""));
    }
}
