package org.medcab.mqtt.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;

/**
 * What changed in every zone during one cycle. Keeps only counts and differences, not the full item
 * sets, so that many of them can wait in the outbox while the broker is away.
 */
record InventoryEvent(long cycle, Instant time, long durationMs, int passes, boolean stable, List<ZoneChange> zones)
        implements Message {
    static final String SCHEMA = "medcab/inventory-event/1";

    InventoryEvent {
        zones = List.copyOf(zones);
    }

    /** One zone's line of the event. */
    record ZoneChange(String zone, ZoneState state, int count, Set<String> added, Set<String> removed) {
        static ZoneChange of(ZoneInventory inventory) {
            return new ZoneChange(inventory.zone(), inventory.state(), inventory.items().size(),
                    inventory.added(), inventory.removed());
        }
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "events/inventory";
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void addBody(JsonObject json) {
        json.addProperty("cycle", cycle);
        json.addProperty("durationMs", durationMs);
        json.addProperty("passes", passes);
        json.addProperty("stable", stable);
        JsonArray array = new JsonArray();
        for (ZoneChange change : zones) {
            JsonObject z = new JsonObject();
            z.addProperty("zone", change.zone());
            z.addProperty("state", change.state().name().toLowerCase(Locale.ROOT));
            z.addProperty("count", change.count());
            z.add("added", MessageJson.sorted(change.added()));
            z.add("removed", MessageJson.sorted(change.removed()));
            array.add(z);
        }
        json.add("zones", array);
    }
}
