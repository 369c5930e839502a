package org.medcab.simulator;

import java.io.IOException;

import org.medcab.simulator.internal.RealTimeLine;
import org.medcab.simulator.internal.SimulatorCore;

/**
 * A scenario's readers and tags, answering on a serial port in real time. The port is normally
 * the far end of a socat pty pair whose other end the gateway opens.
 *
 * <pre>
 * try (Simulator sim = new Simulator(Scenario.demo(), "/tmp/x/ttyB", 0, null)) {
 *     sim.start();
 *     sim.control("silence 3");
 * }
 * </pre>
 */
public final class Simulator implements AutoCloseable {
    private final SimulatorCore core;
    private final RealTimeLine line;

    /**
     * @param port device path of the serial line
     * @param baud line speed, or 0 for the scenario's
     * @param seed seed of the random draws, or null for the scenario's
     */
    public Simulator(Scenario scenario, String port, int baud, Long seed) {
        int lineBaud = baud > 0 ? baud : scenario.baud();
        this.core = new SimulatorCore(scenario, lineBaud, seed != null ? seed : scenario.seed());
        this.line = new RealTimeLine(core, port, lineBaud);
    }

    /** Opens the port and starts answering. */
    public void start() throws IOException {
        line.start();
    }

    /**
     * Runs one control command: {@code silence <address>}, {@code resume <address>},
     * {@code unplug <address>}, {@code remove <epc>}, {@code add <epc> <zone> <x> <y> <z> [flat|bent] [tiltDeg]},
     * {@code move <epc> <x> <y> <z>}, {@code fault byteErrorRate|truncateEvery|badChecksumEvery <value>},
     * {@code status}.
     *
     * @return one line, "ok ..." or "error ..."
     */
    public String control(String command) {
        return core.control(command);
    }

    /** Counters of every reader, the line and the faults. */
    public String status() {
        return core.status();
    }

    /** Whether the serial port is open (false while a reader is unplugged). */
    public boolean lineOpen() {
        return line.isOpen();
    }

    @Override
    public void close() {
        line.close();
    }
}
