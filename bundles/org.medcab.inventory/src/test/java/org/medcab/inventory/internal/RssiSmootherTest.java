package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RssiSmootherTest {

    private final Antenna a0 = new Antenna("r1", 0);
    private final RssiSmoother smoother = new RssiSmoother();

    @Test
    void theFirstReadsArePlainlyAveragedThenTheAverageMovesByAlpha() {
        smoother.add("E1", a0, -40, 0.25);
        assertEquals(-40, smoother.smoothed("E1", a0), 1e-9);
        smoother.add("E1", a0, -50, 0.25);
        assertEquals(-45, smoother.smoothed("E1", a0), 1e-9);
        smoother.add("E1", a0, -60, 0.25);
        smoother.add("E1", a0, -50, 0.25);
        assertEquals(-50, smoother.smoothed("E1", a0), 1e-9, "mean of the first 1/alpha = 4 reads");
        smoother.add("E1", a0, -70, 0.25);
        assertEquals(-55, smoother.smoothed("E1", a0), 1e-9, "then each read weighs alpha");
    }

    @Test
    void averagesAreKeptPerItemAndAntenna() {
        Antenna a1 = new Antenna("r1", 1);
        Antenna b0 = new Antenna("r2", 0);
        smoother.add("E1", a0, -40, 0.25);
        smoother.add("E1", a1, -60, 0.25);
        smoother.add("E2", a0, -70, 0.25);
        assertEquals(-40, smoother.smoothed("E1", a0), 1e-9);
        assertEquals(-60, smoother.smoothed("E1", a1), 1e-9);
        assertEquals(-70, smoother.smoothed("E2", a0), 1e-9);
        assertTrue(Double.isNaN(smoother.smoothed("E1", b0)));
    }

    @Test
    void itemsNoLongerInTheCabinetAreForgotten() {
        smoother.add("E1", a0, -40, 0.25);
        smoother.add("GONE", a0, -40, 0.25);
        smoother.retainOnly(Set.of("E1"));
        assertEquals(1, smoother.items());
        assertTrue(Double.isNaN(smoother.smoothed("GONE", a0)));
    }

    @Test
    void theVarianceFactorIsOneOverNThenFollowsTheMovingAverage() {
        for (int n = 1; n <= 10; n++) {
            smoother.add("E1", a0, -50, 0.1);
            assertEquals(1.0 / n, smoother.varianceFactor("E1", a0), 1e-12, "plain mean of " + n + " reads");
        }
        smoother.add("E1", a0, -50, 0.1);
        assertEquals(0.81 * 0.1 + 0.01, smoother.varianceFactor("E1", a0), 1e-12);
        for (int i = 0; i < 500; i++) {
            smoother.add("E1", a0, -50, 0.1);
        }
        assertEquals(0.1 / 1.9, smoother.varianceFactor("E1", a0), 1e-12, "settled: alpha / (2 - alpha)");
        assertTrue(Double.isNaN(smoother.varianceFactor("E1", new Antenna("r1", 1))));
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        smoother.add("E1", a0, -40, 0.25);
        RssiSmoother copy = smoother.copy();
        copy.add("E1", a0, -60, 0.25);
        copy.add("E2", a0, -60, 0.25);
        assertEquals(-40, smoother.smoothed("E1", a0), 1e-9);
        assertEquals(1, smoother.items());
        assertEquals(-50, copy.smoothed("E1", a0), 1e-9);
        assertEquals(0.5, copy.varianceFactor("E1", a0), 1e-12);
    }
}
