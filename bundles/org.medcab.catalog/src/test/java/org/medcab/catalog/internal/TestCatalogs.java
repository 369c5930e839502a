package org.medcab.catalog.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.identifiers.Sgtin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** A catalog on a real H2 file database in a test's folder, and requests as the link hands them over. */
final class TestCatalogs {
    /** TDS vector 1: EPC 3074257BF7194E4000001A85 is this GTIN with serial 6789 (7-digit company prefix). */
    static final String GTIN = "80614141123458";
    static final String EPC_6789 = "3074257BF7194E4000001A85";
    static final String OTHER_GTIN = "70614141123451";
    static final String TRACE_CODE = "81234567890123456789";
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestCatalogs() {
    }

    static JdbcDataSource dataSource(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + ";WRITE_DELAY=0");
        return ds;
    }

    /** A catalog and its store; close the store to reopen the same folder. */
    record Opened(CatalogStore store, Catalog catalog) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    static Opened open(Path dir) throws SQLException {
        CatalogStore store = CatalogStore.open(dataSource(dir));
        return new Opened(store, Catalog.load(store, CLOCK));
    }

    /** The SGTIN-96 EPC of {@link #GTIN} with this serial. */
    static String epc(long serial) {
        return Sgtin.fromGtin(GTIN, 7, 1, Long.toString(serial)).hex();
    }

    static String epc(String gtin, long serial) {
        return Sgtin.fromGtin(gtin, 7, 1, Long.toString(serial)).hex();
    }

    static JsonObject drug(String gtin, String name) {
        JsonObject d = new JsonObject();
        d.addProperty("gtin", gtin);
        d.addProperty("name", name);
        d.addProperty("strength", "500 mg");
        d.addProperty("form", "tablet");
        d.addProperty("manufacturer", "Acme Pharma");
        d.addProperty("approvalNumber", "H20260001");
        d.addProperty("storageClass", "room");
        return d;
    }

    static JsonObject item(String code, String gtin, String batch, String expiry) {
        JsonObject i = new JsonObject();
        i.addProperty("code", code);
        i.addProperty("gtin", gtin);
        i.addProperty("batch", batch);
        i.addProperty("expiry", expiry);
        return i;
    }

    static JsonObject command(String name, String list, JsonArray rows) {
        JsonObject p = new JsonObject();
        p.addProperty("schema", "medcab/cmd/" + name + "/1");
        p.addProperty("requestId", "req-" + name);
        p.add(list, rows);
        return p;
    }

    static JsonArray array(JsonObject... rows) {
        JsonArray a = new JsonArray();
        for (JsonObject r : rows) {
            a.add(r);
        }
        return a;
    }

    /** Registers the drugs of {@link #GTIN} and {@link #OTHER_GTIN}. */
    static void withDrugs(Catalog catalog) throws Exception {
        CommandReply reply = new DrugsCommand(() -> catalog).handle(request("catalog",
                command("catalog", "drugs", array(drug(GTIN, "Paracetamol"), drug(OTHER_GTIN, "Ibuprofen")))));
        if (reply.result().get("applied").getAsInt() + reply.result().get("unchanged").getAsInt() != 2) {
            throw new AssertionError("drugs not registered: " + reply);
        }
    }

    /** A request as the link hands it over; follow-ups are collected. */
    static Request request(String command, JsonObject payload) {
        return new Request(command, payload, new ArrayList<>());
    }

    record Request(String command, JsonObject payload, List<CommandReply> followUps) implements CommandRequest {
        @Override
        public String requestId() {
            return payload.get("requestId").getAsString();
        }

        @Override
        public String correlationId() {
            return requestId();
        }

        @Override
        public JsonObject payload() {
            return payload.deepCopy();
        }

        @Override
        public Instant received() {
            return NOW;
        }

        @Override
        public void followUp(CommandReply reply) {
            followUps.add(reply);
        }
    }
}
