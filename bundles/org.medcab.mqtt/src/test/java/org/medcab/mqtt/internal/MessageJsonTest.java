package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.mqtt.internal.Cycles.EPC_1;
import static org.medcab.mqtt.internal.Cycles.EPC_2;
import static org.medcab.mqtt.internal.Cycles.EPC_3;
import static org.medcab.mqtt.internal.Cycles.T0;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.medcab.api.ZoneState;

/** The exact payloads the HIS integrator is promised (see the brief's topic and JSON agreement). */
class MessageJsonTest {
    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final String ENVELOPE = "\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"seq\":42,"
            + "\"site\":\"site1\",\"gateway\":\"cabinet1\",";

    private static String json(Message message) {
        return new String(MessageJson.encode(message, ID, 42, "site1", "cabinet1"), StandardCharsets.UTF_8);
    }

    @Test
    void birthListsBundlesReadersAndHowManyAreOnline() {
        BirthMessage birth = new BirthMessage(T0, List.of(new BundleVersion("org.medcab.mqtt", "0.1.0")),
                List.of(Cycles.reader("r1", 1, true), Cycles.reader("r2", 2, false)), Cycles.FIGURES);
        assertEquals("{\"schema\":\"medcab/birth/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"bundles\":[{\"name\":\"org.medcab.mqtt\",\"version\":\"0.1.0\"}],"
                + "\"readers\":[{\"id\":\"r1\",\"bus\":\"bus1\",\"address\":1,\"online\":true},"
                + "{\"id\":\"r2\",\"bus\":\"bus1\",\"address\":2,\"online\":false}],\"readersOnline\":1,"
                + OUTBOX + "}", json(birth));
        assertEquals("birth", birth.subtopic());
    }

    private static final String OUTBOX = "\"outbox\":{\"messages\":6,\"urgent\":0,\"record\":2,\"routine\":1,\"latest\":3,"
            + "\"bytes\":2048,\"oldestAgeMs\":90000,\"droppedRoutine\":4,\"coalescedLatest\":7,\"overLimit\":false,"
            + "\"maxMessages\":100000,\"maxBytes\":67108864}";

    @Test
    void healthHasTheConnectionAndTheOutboxFigures() {
        HealthMessage health = new HealthMessage(T0, T0.minusSeconds(125), Cycles.FIGURES);
        assertEquals("{\"schema\":\"medcab/health/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"connection\":{\"connected\":true,\"since\":\"2026-01-05T09:57:55Z\",\"uptimeSeconds\":125},"
                + OUTBOX + "}", json(health));
        assertEquals("health", health.subtopic());
        String offline = json(new HealthMessage(T0, null, Cycles.EMPTY));
        assertTrue(offline.contains("\"connection\":{\"connected\":false,\"since\":null,\"uptimeSeconds\":0}"), offline);
        assertTrue(offline.contains("\"oldestAgeMs\":null"), offline);
    }

    @Test
    void deathIsTheEnvelopeAlone() {
        DeathMessage death = new DeathMessage(T0);
        assertEquals("{\"schema\":\"medcab/death/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\"}", json(death));
        assertEquals("death", death.subtopic());
    }

    @Test
    void zoneSnapshotHasSortedItemsAndCount() {
        ZoneSnapshot snapshot = new ZoneSnapshot(12, T0.plusMillis(1500),
                Cycles.known("A1", Set.of(EPC_3, EPC_1), Set.of(EPC_3), Set.of()));
        assertEquals("{\"schema\":\"medcab/zone-inventory/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:01.500Z\","
                + "\"cycle\":12,\"zone\":\"A1\",\"state\":\"known\",\"items\":[\"" + EPC_1 + "\",\"" + EPC_3 + "\"],"
                + "\"count\":2}", json(snapshot));
        assertEquals("inventory/A1", snapshot.subtopic());
        assertEquals(true, snapshot.retained());
    }

    @Test
    void unknownZoneSnapshotKeepsTheLastKnownItems() {
        ZoneSnapshot snapshot = new ZoneSnapshot(3, T0, Cycles.unknown("B2", Set.of(EPC_2)));
        assertEquals("{\"schema\":\"medcab/zone-inventory/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"cycle\":3,\"zone\":\"B2\",\"state\":\"unknown\",\"items\":[\"" + EPC_2 + "\"],\"count\":1}",
                json(snapshot));
    }

    @Test
    void inventoryEventListsEveryZoneWithAddedAndRemoved() {
        InventoryEvent event = new InventoryEvent(12, T0, 1500, 3, true, List.of(
                InventoryEvent.ZoneChange.of(Cycles.known("A1", Set.of(EPC_1, EPC_3), Set.of(EPC_3), Set.of(EPC_2))),
                new InventoryEvent.ZoneChange("A2", ZoneState.UNKNOWN, 0, Set.of(), Set.of())));
        assertEquals("{\"schema\":\"medcab/inventory-event/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"cycle\":12,\"durationMs\":1500,\"passes\":3,\"stable\":true,\"zones\":["
                + "{\"zone\":\"A1\",\"state\":\"known\",\"count\":2,\"added\":[\"" + EPC_3 + "\"],\"removed\":[\"" + EPC_2
                + "\"]},{\"zone\":\"A2\",\"state\":\"unknown\",\"count\":0,\"added\":[],\"removed\":[]}]}", json(event));
        assertEquals("events/inventory", event.subtopic());
    }

    @Test
    void readerEventCarriesHealthAndANullLastSeenForANeverSeenReader() {
        ReaderEvent offline = new ReaderEvent(T0, Cycles.reader("r2", 2, false));
        assertEquals("{\"schema\":\"medcab/reader-event/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"reader\":\"r2\",\"bus\":\"bus1\",\"address\":2,\"online\":false,\"timeouts\":3,\"checksumErrors\":1,"
                + "\"lastSeen\":null}", json(offline));
        ReaderEvent online = new ReaderEvent(T0, Cycles.reader("r1", 1, true));
        assertEquals("{\"schema\":\"medcab/reader-event/1\"," + ENVELOPE + "\"time\":\"2026-01-05T10:00:00Z\","
                + "\"reader\":\"r1\",\"bus\":\"bus1\",\"address\":1,\"online\":true,\"timeouts\":0,\"checksumErrors\":1,"
                + "\"lastSeen\":\"2026-01-05T10:00:01Z\"}", json(online));
        assertEquals("events/reader", online.subtopic());
    }
}
