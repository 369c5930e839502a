package org.medcab.leds.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;

/**
 * Zone lamps on GPIO lines of a character device through libgpiod v1's {@code gpioset} (Debian 12
 * package gpiod 1.6): one call per change, setting every line,
 * {@code gpioset [--active-low] gpiochip0 17=1 18=0 ...}, which sets the values and exits. A call
 * that cannot be started, exits with an error or hangs past the timeout is a failure.
 */
final class GpiosetDriver implements LightDriver {
    private final String name;
    private final Path gpioset;
    private final String chip;
    private final OutputMap lines;
    private final boolean activeLow;
    private final long timeoutMillis;
    private boolean[] written; // guarded by this

    GpiosetDriver(String name, Path gpioset, String chip, OutputMap lines, boolean activeLow, long timeoutMillis) {
        this.name = name;
        this.gpioset = gpioset;
        this.chip = chip;
        this.lines = lines;
        this.activeLow = activeLow;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void show(LightScene scene) throws LightDriverException {
        boolean[] wanted = lines.states(scene);
        if (Arrays.equals(wanted, written)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(gpioset.toString()));
        if (activeLow) {
            command.add("--active-low");
        }
        command.add(chip);
        List<OutputMap.Output> outputs = lines.outputs();
        for (int i = 0; i < wanted.length; i++) {
            command.add(outputs.get(i).number() + "=" + (wanted[i] ? 1 : 0));
        }
        written = null;
        run(command);
        written = wanted;
    }

    private void run(List<String> command) throws LightDriverException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LightDriverException("cannot run " + gpioset + " (Debian: apt-get install gpiod): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LightDriverException(gpioset + " " + chip + " did not finish within " + timeoutMillis + " ms");
            }
            if (process.exitValue() != 0) {
                String output = new String(process.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).trim();
                throw new LightDriverException(gpioset + " " + chip + " exited with " + process.exitValue() + ": " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LightDriverException("interrupted while " + gpioset + " ran", e);
        } catch (IOException e) {
            throw new LightDriverException("cannot read the output of " + gpioset + ": " + e.getMessage(), e);
        }
    }
}
