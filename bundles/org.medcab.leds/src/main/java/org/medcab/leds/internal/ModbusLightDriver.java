package org.medcab.leds.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.util.BitVector;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zone lamps on the coils of a Modbus RTU relay board (j2mod master on its own serial port). Writes
 * only the coils that changed since the last successful write, a run of neighbouring coils in one
 * "write multiple coils" request; after any failure it closes the port, and the next call opens
 * it again and writes every coil, since the board may have lost power or been replaced meanwhile.
 */
final class ModbusLightDriver implements LightDriver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusLightDriver.class);

    private final ModbusSettings settings;
    private final String name;
    private ModbusSerialMaster master; // guarded by this
    private boolean[] written; // what the coils are known to hold, in coils().outputs() order; null: unknown

    ModbusLightDriver(String name, ModbusSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void show(LightScene scene) throws LightDriverException {
        boolean[] wanted = settings.coils().states(scene);
        List<OutputMap.Output> coils = settings.coils().outputs();
        try {
            if (master == null) {
                open();
            }
            int i = 0;
            while (i < coils.size()) {
                if (!changed(i, wanted)) {
                    i++;
                    continue;
                }
                int last = i;
                while (last + 1 < coils.size() && coils.get(last + 1).number() == coils.get(last).number() + 1
                        && changed(last + 1, wanted)) {
                    last++;
                }
                write(coils, i, last, wanted);
                i = last + 1;
            }
            written = wanted;
        } catch (Exception e) {
            disconnect();
            throw new LightDriverException("Modbus unit " + settings.unitId() + " on " + settings.port() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private boolean changed(int i, boolean[] wanted) {
        return written == null || written[i] != wanted[i];
    }

    private void write(List<OutputMap.Output> coils, int first, int last, boolean[] wanted) throws Exception {
        int address = coils.get(first).number();
        if (first == last) {
            master.writeCoil(settings.unitId(), address, wanted[first]);
            return;
        }
        BitVector bits = new BitVector(last - first + 1);
        for (int i = first; i <= last; i++) {
            bits.setBit(i - first, wanted[i]);
        }
        master.writeMultipleCoils(settings.unitId(), address, bits);
    }

    private void open() throws Exception {
        if (!Files.exists(Path.of(settings.port()))) {
            throw new java.io.IOException("serial port " + settings.port() + " is not there (adapter unplugged?)");
        }
        SerialParameters parameters = new SerialParameters();
        parameters.setPortName(settings.port());
        parameters.setBaudRate(settings.baud());
        parameters.setDatabits(8);
        parameters.setParity(settings.parity());
        parameters.setStopbits(1);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        ModbusSerialMaster opened = new ModbusSerialMaster(parameters, settings.timeoutMillis());
        opened.connect();
        // One attempt per write: the controller retries with the newest lights, j2mod would resend stale
        // ones (5 times by default). Set after connect(), which makes the transaction that holds it.
        opened.setRetries(0);
        master = opened;
        written = null;
        LOG.info("light driver {}: port {} open, writing every coil of unit {}", name, settings.port(), settings.unitId());
    }

    private void disconnect() {
        if (master != null) {
            try {
                master.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("light driver {}: closing {} failed", name, settings.port(), e);
            }
            master = null;
        }
        written = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
