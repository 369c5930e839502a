package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LampBoardViewTest {
    private static final List<String> ZONES = List.of("A1", "A2", "A3");

    @Test
    void coilsAreRedYellowGreenPerZoneInZoneOrder() {
        assertEquals(List.of("A1:red=0", "A1:yellow=1", "A1:green=2", "A2:red=3", "A2:yellow=4", "A2:green=5",
                "A3:red=6", "A3:yellow=7", "A3:green=8"), LampBoardView.coils(ZONES));
    }

    @Test
    void aLampLitThroughTheWindowIsSteadyAndOneSeenDarkIsBlinking() {
        // A1 yellow all along, A2 dark, A3 red on and off.
        List<String> window = List.of("010000100", "010000000", "010000100", "010000000");
        assertEquals("A1 yellow | A2 off | A3 red blinking", LampBoardView.describe(ZONES, window));
    }

    @Test
    void twoColoursOfOneZoneAreBothNamed() {
        // A pick on a yellow zone: green blinking over yellow.
        assertEquals("A1 yellow+green blinking | A2 off | A3 off",
                LampBoardView.describe(ZONES, List.of("011000000", "010000000")));
    }
}
