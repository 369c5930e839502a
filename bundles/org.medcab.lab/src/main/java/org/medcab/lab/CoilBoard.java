package org.medcab.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * A Modbus RTU relay board (zone lamps) simulated by a j2mod slave on the far end of a serial line: coils that
 * start off, as after power-up, and count how often the master wrote each of them; the requests
 * are recorded as "fc15 3+2" (write multiple coils from 3, two coils) or "fc5 1" (write single coil 1).
 */
public final class CoilBoard implements AutoCloseable {
    private final CountingCoil[] coils;
    private final ModbusSlave slave;
    private final List<String> requests = new ArrayList<>();

    /** A coil that counts its writes. */
    private static final class CountingCoil extends SimpleDigitalOut {
        private int writes;

        @Override
        public synchronized void set(boolean b) {
            writes++;
            super.set(b);
        }

        @Override
        public synchronized boolean isSet() {
            return super.isSet();
        }

        synchronized int writes() {
            return writes;
        }
    }

    /**
     * Opens the board on {@code port} (9600 baud, 8N1, RTU) with {@code coilCount} coils at addresses 0.. and
     * answers requests to {@code unitId}.
     */
    public CoilBoard(Path port, int unitId, int coilCount) throws ModbusException {
        coils = new CountingCoil[coilCount];
        // j2mod's slave serves function 15 through getDigitalOutRange, function 5 through getDigitalOut.
        SimpleProcessImage image = new SimpleProcessImage(unitId) {
            private boolean inRange; // the range lookup fetches each coil through getDigitalOut

            @Override
            public DigitalOut[] getDigitalOutRange(int offset, int count) {
                record("fc15 " + offset + "+" + count);
                inRange = true;
                try {
                    return super.getDigitalOutRange(offset, count);
                } finally {
                    inRange = false;
                }
            }

            @Override
            public DigitalOut getDigitalOut(int ref) throws IllegalAddressException {
                if (!inRange) {
                    record("fc5 " + ref);
                }
                return super.getDigitalOut(ref);
            }
        };
        for (int i = 0; i < coilCount; i++) {
            coils[i] = new CountingCoil();
            image.addDigitalOut(coils[i]);
        }
        SerialParameters parameters = new SerialParameters();
        parameters.setPortName(port.toString());
        parameters.setBaudRate(9600);
        parameters.setDatabits(8);
        parameters.setParity("none");
        parameters.setStopbits(1);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        slave = ModbusSlaveFactory.createSerialSlave(parameters);
        slave.addProcessImage(unitId, image);
        slave.open();
    }

    /** The coils' states as a string, coil 0 first: "100010...". */
    public String states() {
        StringBuilder s = new StringBuilder();
        for (CountingCoil coil : coils) {
            s.append(coil.isSet() ? '1' : '0');
        }
        return s.toString();
    }

    private synchronized void record(String request) {
        requests.add(request);
    }

    /** Every write request seen so far, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** How often the master wrote coil {@code coil}. */
    public int writes(int coil) {
        return coils[coil].writes();
    }

    /** How many coil writes the master made in all. */
    public int totalWrites() {
        int total = 0;
        for (CountingCoil coil : coils) {
            total += coil.writes();
        }
        return total;
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
