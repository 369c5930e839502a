package org.medcab.reader.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * One tag read reported during an inventory (0x89, 0x8A, 0x8B):
 * {@code FreqAnt(1) PC(2) EPC(n) RSSI(1) [Phase(2)]}.
 *
 * @param frequencyIndex channel the tag was read on, 0..63 (bits 7..2 of FreqAnt)
 * @param antenna        zero-based antenna 0..7: bits 1..0 of FreqAnt, plus 4 when RSSI bit 7 is set (8-port readers)
 * @param pc             the tag's protocol-control word
 * @param epc            the EPC bytes as the frame carried them (even length); see {@link #epcLengthMatchesPc()}
 * @param rssiRaw        the signal level, RSSI bits 6..0
 * @param phase          the phase word, when the inventory asked for it
 */
public record TagRecord(int frequencyIndex, int antenna, int pc, byte[] epc, int rssiRaw, OptionalInt phase)
        implements InventoryReply {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public TagRecord {
        Bytes.requireRange("frequencyIndex", frequencyIndex, 0, 63);
        Bytes.requireRange("antenna", antenna, 0, 7);
        Bytes.requireRange("pc", pc, 0, 0xFFFF);
        if (epc == null || epc.length % 2 != 0 || epc.length > Frame.MAX_DATA - 4) {
            throw new IllegalArgumentException("epc must be whole words of at most " + (Frame.MAX_DATA - 4)
                    + " bytes: " + (epc == null ? null : epc.length));
        }
        epc = epc.clone();
        Bytes.requireRange("rssiRaw", rssiRaw, 0, 0x7F);
        if (phase == null) {
            throw new IllegalArgumentException("phase must not be null (use OptionalInt.empty())");
        }
        if (phase.isPresent()) {
            Bytes.requireRange("phase", phase.getAsInt(), 0, 0xFFFF);
        }
    }

    /** A record without phase whose PC announces exactly the EPC's length, as a reader sends it. */
    public static TagRecord of(int frequencyIndex, int antenna, byte[] epc, int rssiRaw) {
        return new TagRecord(frequencyIndex, antenna, pcFor(epc.length), epc, rssiRaw, OptionalInt.empty());
    }

    /** The PC word of a plain EPC of {@code epcBytes} bytes: length in words in bits 15..11, nothing else. */
    public static int pcFor(int epcBytes) {
        if (epcBytes < 0 || epcBytes % 2 != 0 || epcBytes > 62) {
            throw new IllegalArgumentException("epcBytes must be an even number 0..62: " + epcBytes);
        }
        return (epcBytes / 2) << 11;
    }

    /** A copy of the EPC bytes. */
    @Override
    public byte[] epc() {
        return epc.clone();
    }

    /** The EPC as upper-case hexadecimal. */
    public String epcHex() {
        return HEX.formatHex(epc);
    }

    /** EPC length in words as the PC announces it (bits 15..11). */
    public int pcEpcWords() {
        return pc >>> 11;
    }

    /**
     * Whether the EPC taken from the frame is as long as the PC announces. A mismatch is a hint of a
     * damaged record or of an XPC word in the EPC field; the EPC is still the frame's.
     */
    public boolean epcLengthMatchesPc() {
        return pcEpcWords() * 2 == epc.length;
    }

    /** Signal strength in dBm by the practical rule dBm ≈ raw − 129. */
    public int rssiDbm() {
        return rssiRaw - 129;
    }

    /**
     * This record as a frame of the reply to {@code command} (0x89, 0x8A or 0x8B). Antennas 4..7
     * set RSSI bit 7.
     */
    public Frame toFrame(int address, Command command) {
        if (!command.isInventoryStream()) {
            throw new IllegalArgumentException("command must be an inventory command: " + command);
        }
        int extra = phase.isPresent() ? 2 : 0;
        byte[] data = new byte[4 + epc.length + extra];
        data[0] = (byte) ((frequencyIndex << 2) | (antenna & 0x03));
        data[1] = (byte) (pc >>> 8);
        data[2] = (byte) pc;
        System.arraycopy(epc, 0, data, 3, epc.length);
        data[3 + epc.length] = (byte) (rssiRaw | (antenna >= 4 ? 0x80 : 0));
        if (phase.isPresent()) {
            Bytes.putUnsigned(data, 4 + epc.length, phase.getAsInt(), 2);
        }
        return new Frame(address, command.code(), data);
    }

    static TagRecord fromFrame(Frame frame, int epcLength, boolean withPhase) {
        int freqAnt = frame.dataAt(0);
        int rssi = frame.dataAt(3 + epcLength);
        int antenna = (freqAnt & 0x03) + ((rssi & 0x80) != 0 ? 4 : 0);
        OptionalInt phase = withPhase ? OptionalInt.of((int) frame.dataUnsigned(4 + epcLength, 2)) : OptionalInt.empty();
        return new TagRecord(freqAnt >>> 2, antenna, (int) frame.dataUnsigned(1, 2), frame.dataRange(3, epcLength),
                rssi & 0x7F, phase);
    }

    @Override
    public boolean endsCommand() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagRecord t && t.frequencyIndex == frequencyIndex && t.antenna == antenna && t.pc == pc
                && Arrays.equals(t.epc, epc) && t.rssiRaw == rssiRaw && t.phase.equals(phase);
    }

    @Override
    public int hashCode() {
        return ((31 * frequencyIndex + antenna) * 31 + pc) * 31 + Arrays.hashCode(epc) + 17 * rssiRaw + phase.hashCode();
    }

    @Override
    public String toString() {
        return "TagRecord[epc=" + epcHex() + ", pc=" + String.format("%04X", pc) + ", antenna=" + antenna
                + ", frequencyIndex=" + frequencyIndex + ", rssiRaw=" + rssiRaw + ", phase=" + phase + "]";
    }
}
