package org.medcab.reader.protocol;

/**
 * The EPC Gen2 CRC-16 a tag backscatters after PC+EPC: polynomial 0x1021, preset 0xFFFF, MSB
 * first, result inverted (the CRC-16/GENIBUS of the catalogues).
 */
public final class Gen2Crc {
    private Gen2Crc() {
    }

    public static int crc16(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return ~crc & 0xFFFF;
    }

    /** The CRC over a PC word followed by the EPC bytes. */
    public static int ofPcAndEpc(int pc, byte[] epc) {
        byte[] b = new byte[2 + epc.length];
        b[0] = (byte) (pc >>> 8);
        b[1] = (byte) pc;
        System.arraycopy(epc, 0, b, 2, epc.length);
        return crc16(b, 0, b.length);
    }
}
