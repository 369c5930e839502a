package org.medcab.picking.internal;

import java.time.Instant;
import java.util.List;

import org.medcab.hospital.CommandReply;
import org.medcab.picking.ZonePicks;

import com.google.gson.JsonObject;

/** Where {@link PickEngine}'s decisions go; the component's implementation reaches the link and the listeners. */
interface PickOutlet {
    /**
     * Hands a follow-up reply to the pick's own request to the link.
     *
     * @return false when it could not be handed over now (no link); the engine keeps it and tries again
     */
    boolean followUp(PickOrigin origin, CommandReply reply);

    /**
     * Hands a {@code medcab/alarm/1} body for {@code events/alarm} to the uplink.
     *
     * @return false when it could not be stored now; the engine keeps it and tries again
     */
    boolean alarm(Instant time, JsonObject body);

    /** Zones whose pick state changed (a zone no longer picked or alarmed comes with empty orders, no alarm). */
    void zonesChanged(List<ZonePicks> changed);
}
