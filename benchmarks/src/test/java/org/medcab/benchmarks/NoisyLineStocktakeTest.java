package org.medcab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medcab.inventory.internal.InventorySettings;
import org.medcab.reader.protocol.DecoderCounters;
import org.medcab.simulator.Scenario;

/**
 * Bad serial input is met, counted and survived: the demo cabinet over a line that corrupts bytes,
 * truncates frames and breaks checksums (the simulator's §8.6 faults) must still be counted
 * completely, every item in its true zone.
 */
class NoisyLineStocktakeTest {

    @Test
    void everyItemInItsTrueZoneDespiteLineErrors() throws Exception {
        Scenario demo = Scenario.demo();
        Scenario noisy = new Scenario(demo.name() + ", noisy line", demo.seed(), demo.baud(), demo.linkProfile(),
                demo.readers(), demo.tags(), new Scenario.Faults(List.of(), List.of(), 0.0005, 97, 53));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StocktakeBenchmark.Result result = StocktakeBenchmark.run(noisy, 2, noisy.baud(), 7L,
                InventorySettings.DEFAULTS.withCyclePauseMillis(0), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);

        assertTrue(result.perfect(), report);
        DecoderCounters line = result.line().decoder();
        assertTrue(line.checksumErrors() > 0, "the line's checksum errors were counted: " + line);
        assertTrue(line.discardedBytes() > 0, "garbage was skipped: " + line);
    }
}
