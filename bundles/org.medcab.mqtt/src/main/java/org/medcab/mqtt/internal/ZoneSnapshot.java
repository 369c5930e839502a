package org.medcab.mqtt.internal;

import java.time.Instant;
import java.util.Locale;

import com.google.gson.JsonObject;

import org.medcab.api.ZoneInventory;

/** What one zone holds after a cycle; retained, so a subscriber arriving later still learns it. */
record ZoneSnapshot(long cycle, Instant time, ZoneInventory zone) implements Message {
    static final String SCHEMA = "medcab/zone-inventory/1";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "inventory/" + zone.zone();
    }

    @Override
    public boolean retained() {
        return true;
    }

    @Override
    public void addBody(JsonObject json) {
        json.addProperty("cycle", cycle);
        json.addProperty("zone", zone.zone());
        json.addProperty("state", zone.state().name().toLowerCase(Locale.ROOT));
        json.add("items", MessageJson.sorted(zone.items()));
        json.addProperty("count", zone.items().size());
    }
}
