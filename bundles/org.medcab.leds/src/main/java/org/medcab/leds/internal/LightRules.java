package org.medcab.leds.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.medcab.leds.LightColour;
import org.medcab.leds.LightPattern;
import org.medcab.leds.LightReason;
import org.medcab.leds.ZoneLight;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.StatusReason;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;

/**
 * The priority table: what one zone shows, from its rules status and its pick state. First match wins:
 * <ol>
 *   <li>wrong item taken during a pick, or an alarm of the rules: red, fast blink;</li>
 *   <li>a pick: green, steady; slow blinking when the zone is also red or yellow (critical, expiring
 *       or readers offline), so the pharmacist picking there knows to look at what they take;</li>
 *   <li>critical (expired or below par): red, steady;</li>
 *   <li>expiring: yellow, steady;</li>
 *   <li>unknown (readers offline, contents not vouched for): yellow, slow blink;</li>
 *   <li>otherwise off.</li>
 * </ol>
 */
final class LightRules {
    private LightRules() {
    }

    /** One light per zone that has a status or a pick state, sorted by zone. */
    static Map<String, ZoneLight> lights(Map<String, ZoneStatus> statuses, Map<String, ZonePicks> picks) {
        Set<String> zones = new HashSet<>(statuses.keySet());
        zones.addAll(picks.keySet());
        Map<String, ZoneLight> lights = new TreeMap<>();
        for (String zone : zones) {
            lights.put(zone, light(zone, statuses.get(zone), picks.get(zone)));
        }
        return lights;
    }

    /** The light of one zone; either argument may be null (no status yet, no picking). */
    static ZoneLight light(String zone, ZoneStatus status, ZonePicks picks) {
        ZoneCondition condition = status == null ? ZoneCondition.OK : status.condition();
        if (picks != null && picks.wrongItem()) {
            return new ZoneLight(zone, LightColour.RED, LightPattern.BLINK_FAST, LightReason.WRONG_ITEM);
        }
        if (status != null && status.alarm()) {
            return new ZoneLight(zone, LightColour.RED, LightPattern.BLINK_FAST, LightReason.ALARM);
        }
        if (picks != null && picks.picking()) {
            LightPattern pattern = condition == ZoneCondition.OK ? LightPattern.STEADY : LightPattern.BLINK_SLOW;
            return new ZoneLight(zone, LightColour.GREEN, pattern, LightReason.PICK);
        }
        return switch (condition) {
            case CRITICAL -> new ZoneLight(zone, LightColour.RED, LightPattern.STEADY, criticalReason(status));
            case EXPIRING -> new ZoneLight(zone, LightColour.YELLOW, LightPattern.STEADY, LightReason.EXPIRING);
            case UNKNOWN -> new ZoneLight(zone, LightColour.YELLOW, LightPattern.BLINK_SLOW, LightReason.READERS_OFFLINE);
            case OK -> ZoneLight.off(zone);
        };
    }

    /** Expired items weigh more than a shortage: they must leave the cabinet before anyone takes them. */
    private static LightReason criticalReason(ZoneStatus status) {
        boolean expired = status.reasons().stream().anyMatch(r -> r.kind() == StatusReason.Kind.EXPIRED);
        boolean belowPar = status.reasons().stream().anyMatch(r -> r.kind() == StatusReason.Kind.BELOW_PAR);
        return belowPar && !expired ? LightReason.BELOW_PAR : LightReason.EXPIRED;
    }
}
