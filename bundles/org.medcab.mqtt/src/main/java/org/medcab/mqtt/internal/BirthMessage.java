package org.medcab.mqtt.internal;

import java.time.Instant;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.medcab.api.ReaderHealth;

/**
 * "The gateway is online": what runs on it, which readers it has and what waits in its outbox. Sent
 * first on every connection, and again when the readers or the installed bundles change.
 */
record BirthMessage(Instant time, List<BundleVersion> bundles, List<ReaderHealth> readers, DurableOutbox.Figures outbox)
        implements Message {
    static final String SCHEMA = "medcab/birth/1";

    BirthMessage {
        bundles = List.copyOf(bundles);
        readers = List.copyOf(readers);
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String subtopic() {
        return "birth";
    }

    @Override
    public boolean retained() {
        return false;
    }

    @Override
    public void addBody(JsonObject json) {
        JsonArray bundleArray = new JsonArray();
        for (BundleVersion bundle : bundles) {
            JsonObject b = new JsonObject();
            b.addProperty("name", bundle.name());
            b.addProperty("version", bundle.version());
            bundleArray.add(b);
        }
        json.add("bundles", bundleArray);
        JsonArray readerArray = new JsonArray();
        int online = 0;
        for (ReaderHealth reader : readers) {
            JsonObject r = new JsonObject();
            r.addProperty("id", reader.readerId());
            r.addProperty("bus", reader.bus());
            r.addProperty("address", reader.address());
            r.addProperty("online", reader.online());
            readerArray.add(r);
            online += reader.online() ? 1 : 0;
        }
        json.add("readers", readerArray);
        json.addProperty("readersOnline", online);
        json.add("outbox", MessageJson.outbox(outbox));
    }
}
