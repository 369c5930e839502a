package org.medcab.leds.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;

/**
 * Zone lamps on GPIO lines through the kernel's sysfs interface ({@code /sys/class/gpio}, for boards
 * whose kernel still has it): exports each line once, makes it an output and writes {@code 1} or
 * {@code 0} to its {@code value} file, only when it changed; after a failure every line again.
 */
final class SysfsGpioDriver implements LightDriver {
    private static final long EXPORT_WAIT_MILLIS = 1000;

    private final String name;
    private final Path base;
    private final OutputMap lines;
    private final boolean activeLow;
    private boolean[] written; // guarded by this; null: unknown, write all

    SysfsGpioDriver(String name, Path base, OutputMap lines, boolean activeLow) {
        this.name = name;
        this.base = base;
        this.lines = lines;
        this.activeLow = activeLow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void show(LightScene scene) throws LightDriverException {
        boolean[] wanted = lines.states(scene);
        List<OutputMap.Output> outputs = lines.outputs();
        boolean fresh = written == null;
        try {
            for (int i = 0; i < wanted.length; i++) {
                if (fresh || written[i] != wanted[i]) {
                    int line = outputs.get(i).number();
                    Path dir = fresh ? exported(line) : base.resolve("gpio" + line);
                    write(dir.resolve("value"), wanted[i] != activeLow ? "1" : "0");
                }
            }
            written = wanted;
        } catch (IOException e) {
            written = null;
            throw new LightDriverException("GPIO " + base + ": " + e.getMessage(), e);
        }
    }

    /** The line's directory, exported and set to output. */
    private Path exported(int line) throws IOException {
        Path dir = base.resolve("gpio" + line);
        if (!Files.isDirectory(dir)) {
            write(base.resolve("export"), Integer.toString(line));
            long deadline = System.nanoTime() + EXPORT_WAIT_MILLIS * 1_000_000;
            while (!Files.isDirectory(dir)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("line " + line + " not exported: " + dir + " did not appear");
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while exporting line " + line, e);
                }
            }
        }
        Path direction = dir.resolve("direction");
        if (!Files.exists(direction) || !Files.readString(direction).trim().equals("out")) {
            write(direction, "out");
        }
        return dir;
    }

    private static void write(Path file, String text) throws IOException {
        try {
            // sysfs attributes are written in place, in one write; never create or truncate-and-rename
            Files.write(file, (text + "\n").getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e, e);
        }
    }
}
