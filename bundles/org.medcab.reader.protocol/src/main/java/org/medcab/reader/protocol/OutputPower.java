package org.medcab.reader.protocol;

import java.util.List;

/**
 * RF output power in dBm, 0..33: one value for every port, or one per port of a 4-port or 8-port
 * reader. Used by 0x76 (set) and by the replies to 0x77 and 0x97 (get).
 *
 * @param dbm 1, 4 or 8 values
 */
public record OutputPower(List<Integer> dbm) {
    public static final int MAX_DBM = 33;

    public OutputPower {
        dbm = List.copyOf(dbm);
        if (dbm.size() != 1 && dbm.size() != 4 && dbm.size() != 8) {
            throw new IllegalArgumentException("dbm must hold 1, 4 or 8 values: " + dbm.size());
        }
        for (int i = 0; i < dbm.size(); i++) {
            Bytes.requireRange("dbm[" + i + "]", dbm.get(i), 0, MAX_DBM);
        }
    }

    public static OutputPower of(int... dbm) {
        return new OutputPower(java.util.Arrays.stream(dbm).boxed().toList());
    }

    /** The same power on every port. */
    public boolean isUniform() {
        return dbm.stream().distinct().count() == 1;
    }

    /** The power of one port (zero-based); a single value applies to every port. */
    public int forPort(int port) {
        if (dbm.size() == 1) {
            return dbm.get(0);
        }
        return dbm.get(Bytes.requireRange("port", port, 0, dbm.size() - 1));
    }

    byte[] toBytes() {
        byte[] out = new byte[dbm.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) dbm.get(i);
        }
        return out;
    }

    static OutputPower fromBytes(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return of(values);
    }
}
