package org.medcab.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.medcab.lab.CoilBoard;

/**
 * The cabinet's lamp board as a pharmacist sees it: the coils of the simulated Modbus board, read every 100 ms and
 * printed as one line whenever what the lamps show changes. A lamp seen both lit and dark within a second is
 * blinking, so a blinking lamp prints once, not at every toggle.
 */
final class LampBoardView implements AutoCloseable {
    /** Coil order per zone: red, yellow, green. */
    static final String[] COLOURS = {"red", "yellow", "green"};
    private static final int SAMPLES_PER_WINDOW = 10;

    private final CoilBoard board;
    private final List<String> zones;
    private final PrintStream out;
    private final Thread sampler;
    private volatile boolean closed;
    private String shown = "";

    LampBoardView(CoilBoard board, List<String> zones, PrintStream out) {
        this.board = board;
        this.zones = List.copyOf(zones);
        this.out = out;
        sampler = new Thread(this::run, "lamp-board-view");
        sampler.setDaemon(true);
    }

    /** The coil mapping the gateway's Modbus driver is configured with: {@code zone:colour=coil}. */
    static List<String> coils(List<String> zones) {
        List<String> coils = new ArrayList<>();
        for (int z = 0; z < zones.size(); z++) {
            for (int c = 0; c < COLOURS.length; c++) {
                coils.add(zones.get(z) + ":" + COLOURS[c] + "=" + (z * COLOURS.length + c));
            }
        }
        return coils;
    }

    void start() {
        sampler.start();
    }

    private void run() {
        try {
            while (!closed) {
                List<String> window = new ArrayList<>();
                for (int i = 0; i < SAMPLES_PER_WINDOW && !closed; i++) {
                    window.add(board.states());
                    Thread.sleep(100);
                }
                String line = describe(zones, window);
                if (!line.equals(shown)) {
                    shown = line;
                    out.println("[lamps] " + line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code A1 yellow | A2 off | A3 red blinking}: per zone the colour(s) lit in the window, blinking if not always. */
    static String describe(List<String> zones, List<String> window) {
        StringJoiner line = new StringJoiner(" | ");
        for (int z = 0; z < zones.size(); z++) {
            Map<String, Integer> lit = new LinkedHashMap<>();
            for (String states : window) {
                for (int c = 0; c < COLOURS.length; c++) {
                    if (states.charAt(z * COLOURS.length + c) == '1') {
                        lit.merge(COLOURS[c], 1, Integer::sum);
                    }
                }
            }
            StringJoiner lamp = new StringJoiner("+");
            lit.forEach((colour, n) -> lamp.add(n == window.size() ? colour : colour + " blinking"));
            line.add(zones.get(z) + " " + (lit.isEmpty() ? "off" : lamp.toString()));
        }
        return line.toString();
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
        board.close();
    }
}
