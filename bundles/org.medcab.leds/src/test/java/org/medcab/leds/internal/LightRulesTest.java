package org.medcab.leds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.medcab.leds.LightColour.GREEN;
import static org.medcab.leds.LightColour.OFF;
import static org.medcab.leds.LightColour.RED;
import static org.medcab.leds.LightColour.YELLOW;
import static org.medcab.leds.LightPattern.BLINK_FAST;
import static org.medcab.leds.LightPattern.BLINK_SLOW;
import static org.medcab.leds.LightPattern.STEADY;
import static org.medcab.leds.internal.Zones.alarm;
import static org.medcab.leds.internal.Zones.belowPar;
import static org.medcab.leds.internal.Zones.expired;
import static org.medcab.leds.internal.Zones.expiring;
import static org.medcab.leds.internal.Zones.noPicks;
import static org.medcab.leds.internal.Zones.ok;
import static org.medcab.leds.internal.Zones.pick;
import static org.medcab.leds.internal.Zones.readersOffline;
import static org.medcab.leds.internal.Zones.wrongItem;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcab.leds.LightColour;
import org.medcab.leds.LightPattern;
import org.medcab.leds.LightReason;
import org.medcab.leds.ZoneLight;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.ZoneStatus;

/** The priority table of the README, row by row, and every pairing of a pick state with a condition. */
class LightRulesTest {
    static Stream<Arguments> table() {
        return Stream.of(
                arguments("no status, no picks", null, null, OFF, STEADY, LightReason.NONE),
                arguments("ok", ok("A1"), null, OFF, STEADY, LightReason.NONE),
                arguments("ok, pick state without orders", ok("A1"), noPicks("A1"), OFF, STEADY, LightReason.NONE),
                arguments("expiring", expiring("A1"), null, YELLOW, STEADY, LightReason.EXPIRING),
                arguments("expired", expired("A1"), null, RED, STEADY, LightReason.EXPIRED),
                arguments("below par", belowPar("A1"), null, RED, STEADY, LightReason.BELOW_PAR),
                arguments("readers offline", readersOffline("A1"), null, YELLOW, BLINK_SLOW, LightReason.READERS_OFFLINE),
                arguments("alarm on an ok zone", alarm(ok("A1")), null, RED, BLINK_FAST, LightReason.ALARM),
                arguments("alarm on an expiring zone", alarm(expiring("A1")), null, RED, BLINK_FAST, LightReason.ALARM),
                arguments("alarm beats a pick", alarm(ok("A1")), pick("A1", "O1"), RED, BLINK_FAST, LightReason.ALARM),
                arguments("pick on an ok zone", ok("A1"), pick("A1", "O1"), GREEN, STEADY, LightReason.PICK),
                arguments("pick before the rules spoke", null, pick("A1", "O1", "O2"), GREEN, STEADY, LightReason.PICK),
                arguments("pick on an expiring zone", expiring("A1"), pick("A1", "O1"), GREEN, BLINK_SLOW, LightReason.PICK),
                arguments("pick on an expired zone", expired("A1"), pick("A1", "O1"), GREEN, BLINK_SLOW, LightReason.PICK),
                arguments("pick on a zone below par", belowPar("A1"), pick("A1", "O1"), GREEN, BLINK_SLOW, LightReason.PICK),
                arguments("pick on an unknown zone", readersOffline("A1"), pick("A1", "O1"), GREEN, BLINK_SLOW, LightReason.PICK),
                arguments("wrong item on an ok zone", ok("A1"), wrongItem("A1", "O1"), RED, BLINK_FAST, LightReason.WRONG_ITEM),
                arguments("wrong item after the pick's orders ended", ok("A1"), wrongItem("A1"), RED, BLINK_FAST, LightReason.WRONG_ITEM),
                arguments("wrong item and an alarm", alarm(expired("A1")), wrongItem("A1", "O1"), RED, BLINK_FAST, LightReason.WRONG_ITEM),
                arguments("wrong item with no status", null, wrongItem("A1"), RED, BLINK_FAST, LightReason.WRONG_ITEM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void priority(String description, ZoneStatus status, ZonePicks picks, LightColour colour, LightPattern pattern, LightReason reason) {
        assertEquals(new ZoneLight("A1", colour, pattern, reason), LightRules.light("A1", status, picks));
    }

    @Test
    void expiredWeighsMoreThanBelowParInACriticalZone() {
        ZoneStatus both = new ZoneStatus("A1", expired("A1").condition(),
                java.util.List.of(belowPar("A1").reasons().get(0), expired("A1").reasons().get(0)), false, Zones.T0);
        assertEquals(LightReason.EXPIRED, LightRules.light("A1", both, null).reason());
    }

    @Test
    void everyZoneWithAStatusOrAPickGetsALight() {
        Map<String, ZoneLight> lights = LightRules.lights(
                Map.of("A1", ok("A1"), "A2", expiring("A2")),
                Map.of("B1", pick("B1", "O7")));
        assertEquals(Map.of(
                "A1", ZoneLight.off("A1"),
                "A2", new ZoneLight("A2", YELLOW, STEADY, LightReason.EXPIRING),
                "B1", new ZoneLight("B1", GREEN, STEADY, LightReason.PICK)), lights);
    }
}
