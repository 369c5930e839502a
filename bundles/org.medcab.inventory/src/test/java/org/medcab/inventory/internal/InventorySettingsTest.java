package org.medcab.inventory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.medcab.rs485.InventoryRequest;

class InventorySettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        InventorySettings d = InventorySettings.DEFAULTS;
        assertEquals(3, d.stablePasses());
        assertEquals(60_000, d.maxCycleMillis());
        assertEquals(1_000, d.cyclePauseMillis());
        assertEquals(3_000, d.readerSettleMillis());
        assertEquals(new InventoryRequest(0, 0, 1), d.request());
        assertEquals(0.1, d.rssiSmoothing());
        assertEquals(1.0, d.hysteresisDb());
        assertEquals(2.0, d.placementConfidence());
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheirName() {
        InventorySettings d = InventorySettings.DEFAULTS;
        assertEquals("stablePasses must be 1..100: 0",
                assertThrows(IllegalArgumentException.class, () -> d.withStablePasses(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withMaxCycleMillis(0));
        assertThrows(IllegalArgumentException.class, () -> d.withCyclePauseMillis(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withReaderSettleMillis(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withSession(4));
        assertThrows(IllegalArgumentException.class, () -> d.withTarget(2));
        assertThrows(IllegalArgumentException.class, () -> d.withRounds(255));
        assertThrows(IllegalArgumentException.class, () -> d.withRssiSmoothing(0));
        assertThrows(IllegalArgumentException.class, () -> d.withRssiSmoothing(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withHysteresisDb(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withHysteresisDb(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withPlacementConfidence(-0.5));
        assertThrows(IllegalArgumentException.class, () -> d.withPlacementConfidence(Double.POSITIVE_INFINITY));
    }

    @Test
    void targetLettersMapToGen2Targets() {
        assertEquals(0, InventorySettings.targetFromLetter("A"));
        assertEquals(1, InventorySettings.targetFromLetter(" b "));
        assertThrows(IllegalArgumentException.class, () -> InventorySettings.targetFromLetter("C"));
        assertThrows(IllegalArgumentException.class, () -> InventorySettings.targetFromLetter(null));
    }
}
