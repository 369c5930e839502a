package org.medcab.reader.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One tag from the reader's buffer, answered to 0x90 or 0x91:
 * {@code TagCount(2) DataLen(1) PC(2) EPC(DataLen−4) CRC(2) RSSI(1) FreqAnt(1) InvCount(1)}.
 *
 * @param tagCount       tags in the buffer (the number of frames the reply has)
 * @param pc             the protocol-control word
 * @param epc            the EPC bytes (even length)
 * @param crc            the Gen2 CRC-16 the reader reported over PC+EPC; see {@link #crcValid()}
 * @param rssiRaw        signal level, RSSI bits 6..0
 * @param frequencyIndex channel, bits 7..2 of FreqAnt
 * @param antenna        zero-based antenna: FreqAnt bits 1..0, plus 4 when RSSI bit 7 is set
 * @param inventoryCount how often the tag was read
 */
public record BufferedTagRecord(int tagCount, int pc, byte[] epc, int crc, int rssiRaw, int frequencyIndex,
                                int antenna, int inventoryCount) {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public BufferedTagRecord {
        Bytes.requireRange("tagCount", tagCount, 0, 0xFFFF);
        Bytes.requireRange("pc", pc, 0, 0xFFFF);
        if (epc == null || epc.length % 2 != 0 || epc.length > Frame.MAX_DATA - 10) {
            throw new IllegalArgumentException("epc must be whole words of at most " + (Frame.MAX_DATA - 10)
                    + " bytes: " + (epc == null ? null : epc.length));
        }
        epc = epc.clone();
        Bytes.requireRange("crc", crc, 0, 0xFFFF);
        Bytes.requireRange("rssiRaw", rssiRaw, 0, 0x7F);
        Bytes.requireRange("frequencyIndex", frequencyIndex, 0, 63);
        Bytes.requireRange("antenna", antenna, 0, 7);
        Bytes.requireByte("inventoryCount", inventoryCount);
    }

    /** A record with the PC of a plain EPC and the CRC computed, as a reader sends it. */
    public static BufferedTagRecord of(int tagCount, byte[] epc, int rssiRaw, int frequencyIndex, int antenna,
                                       int inventoryCount) {
        int pc = TagRecord.pcFor(epc.length);
        return new BufferedTagRecord(tagCount, pc, epc, Gen2Crc.ofPcAndEpc(pc, epc), rssiRaw, frequencyIndex,
                antenna, inventoryCount);
    }

    @Override
    public byte[] epc() {
        return epc.clone();
    }

    public String epcHex() {
        return HEX.formatHex(epc);
    }

    /** Whether {@link #crc()} is the Gen2 CRC-16 of PC+EPC; if not, the EPC is damaged and must not be trusted. */
    public boolean crcValid() {
        return Gen2Crc.ofPcAndEpc(pc, epc) == crc;
    }

    /** Signal strength in dBm by the practical rule dBm ≈ raw − 129. */
    public int rssiDbm() {
        return rssiRaw - 129;
    }

    /** This record as one frame of the reply to 0x90 or 0x91. */
    public Frame toFrame(int address, Command command) {
        if (command != Command.GET_BUFFER && command != Command.GET_AND_RESET_BUFFER) {
            throw new IllegalArgumentException("command must be 0x90 or 0x91: " + command);
        }
        int dataLen = 2 + epc.length + 2;
        byte[] data = new byte[dataLen + 6];
        Bytes.putUnsigned(data, 0, tagCount, 2);
        data[2] = (byte) dataLen;
        Bytes.putUnsigned(data, 3, pc, 2);
        System.arraycopy(epc, 0, data, 5, epc.length);
        Bytes.putUnsigned(data, 5 + epc.length, crc, 2);
        data[7 + epc.length] = (byte) (rssiRaw | (antenna >= 4 ? 0x80 : 0));
        data[8 + epc.length] = (byte) ((frequencyIndex << 2) | (antenna & 0x03));
        data[9 + epc.length] = (byte) inventoryCount;
        return new Frame(address, command.code(), data);
    }

    static BufferedTagRecord fromFrame(Frame frame) {
        int n = frame.dataLength();
        if (n < 10) {
            throw new IllegalArgumentException("buffered tag record needs at least 10 bytes: " + n);
        }
        // DataLen counts PC, EPC and CRC.
        int dataLen = frame.dataAt(2);
        if (dataLen + 6 != n) {
            throw new IllegalArgumentException("DataLen " + dataLen + " does not fit data length " + n);
        }
        int epcLength = dataLen - 4;
        int rssi = frame.dataAt(7 + epcLength);
        int freqAnt = frame.dataAt(8 + epcLength);
        return new BufferedTagRecord((int) frame.dataUnsigned(0, 2), (int) frame.dataUnsigned(3, 2),
                frame.dataRange(5, epcLength), (int) frame.dataUnsigned(5 + epcLength, 2), rssi & 0x7F, freqAnt >>> 2,
                (freqAnt & 0x03) + ((rssi & 0x80) != 0 ? 4 : 0), frame.dataAt(9 + epcLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferedTagRecord t && t.tagCount == tagCount && t.pc == pc && Arrays.equals(t.epc, epc)
                && t.crc == crc && t.rssiRaw == rssiRaw && t.frequencyIndex == frequencyIndex && t.antenna == antenna
                && t.inventoryCount == inventoryCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epc) * 31 + pc * 17 + crc * 13 + antenna * 7 + frequencyIndex + rssiRaw * 3
                + inventoryCount * 5 + tagCount * 11;
    }

    @Override
    public String toString() {
        return "BufferedTagRecord[epc=" + epcHex() + String.format(", pc=%04X, crc=%04X", pc, crc) + ", crcValid="
                + crcValid() + ", antenna=" + antenna + ", frequencyIndex=" + frequencyIndex + ", rssiRaw=" + rssiRaw
                + ", inventoryCount=" + inventoryCount + ", tagCount=" + tagCount + "]";
    }
}
