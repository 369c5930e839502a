package org.medcab.leds.internal;

import java.util.Locale;

/**
 * How the Modbus RTU relay board is reached and which coil lights what.
 *
 * @param port          serial device of the board's RS485 adapter
 * @param baud          line speed (8 data bits, 1 stop bit)
 * @param parity        none, even or odd
 * @param unitId        the board's Modbus address, 1..247
 * @param timeoutMillis longest wait for the board's answer to one write
 * @param coils         the coil of every zone colour
 */
record ModbusSettings(String port, int baud, String parity, int unitId, int timeoutMillis, OutputMap coils) {
    /** Coil addresses are 16 bit. */
    static final int MAX_COIL = 65535;

    ModbusSettings {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("port must not be empty");
        }
        if (baud < 1200 || baud > 921600) {
            throw new IllegalArgumentException("baud must be 1200..921600: " + baud);
        }
        parity = parity == null ? "" : parity.toLowerCase(Locale.ROOT);
        if (!parity.equals("none") && !parity.equals("even") && !parity.equals("odd")) {
            throw new IllegalArgumentException("parity must be none, even or odd: " + parity);
        }
        if (unitId < 1 || unitId > 247) {
            throw new IllegalArgumentException("unitId must be 1..247: " + unitId);
        }
        if (timeoutMillis < 20 || timeoutMillis > 10_000) {
            throw new IllegalArgumentException("timeoutMillis must be 20..10000: " + timeoutMillis);
        }
    }

    static ModbusSettings of(String port, int baud, String parity, int unitId, int timeoutMillis, String[] coils) {
        return new ModbusSettings(port, baud, parity, unitId, timeoutMillis, OutputMap.parse("coil", coils, MAX_COIL));
    }
}
