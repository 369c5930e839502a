package org.medcab.picking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.picking.internal.Bench.PARACETAMOL;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.ReplyStatus;
import org.medcab.picking.ZonePicks;

class PickStoreTest {
    private static final String E1 = "3074257BF7194E4000001A01";
    private static final String E2 = "3074257BF7194E4000001A02";

    @TempDir
    Path dir;

    @Test
    void anUnreadableStoreIsMovedAsideAndPickingStartsEmpty() throws Exception {
        Path file = dir.resolve("picks.json");
        Files.writeString(file, "{\"format\":1,\"picks\":[{\"orderId\":"); // cut off mid-write by a broken disk
        Bench bench = new Bench(dir, "A1");

        assertEquals(List.of(), bench.engine.zonePicks());
        assertFalse(Files.exists(file));
        try (var aside = Files.list(dir)) {
            Path kept = aside.filter(p -> p.getFileName().toString().startsWith("picks.json.unreadable-")).findFirst()
                    .orElseThrow();
            assertEquals("{\"format\":1,\"picks\":[{\"orderId\":", Files.readString(kept), "kept as it was");
        }

        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.cycle();
        bench.engine.pick(new PickOrder("O1", PARACETAMOL, 1, null), new PickOrigin("r1", "r1"));
        assertEquals(List.of(new ZonePicks("A1", Set.of("O1"), false)), bench.start(PickSettings.DEFAULTS).zonePicks(),
                "a fresh store works");
    }

    /** Pick order O1 for the one paracetamol unit E1 in zone A1. */
    private Bench onePickInA1() throws Exception {
        Bench bench = new Bench(dir, "A1");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.cycle();
        bench.engine.pick(new PickOrder("O1", PARACETAMOL, 1, null), new PickOrigin("r1", "r1"));
        return bench;
    }

    @Test
    void aPickThatCannotBeStoredIsNotLitAndACancelThatCannotBeStoredLeavesThePickActive() throws Exception {
        Bench bench = onePickInA1();
        bench.zonePicks.clear();
        bench.put("A1", E2, PARACETAMOL, "L2", "2027-02-28");
        bench.cycle();
        // The data area turns read-only: the rename over picks.json fails.
        Files.createDirectory(dir.resolve("picks.json.tmp"));

        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> bench.engine.pick(new PickOrder("O2", PARACETAMOL, 1, null), new PickOrigin("r2", "r2")));
        assertEquals("pick order O2 could not be stored; nothing lit", refused.getMessage());
        UncheckedIOException notCancelled = assertThrows(UncheckedIOException.class, () -> bench.engine.cancel("O1"));
        assertEquals("cancel of pick order O1 could not be stored; still active", notCancelled.getMessage());

        assertEquals(List.of(), bench.zonePicks);
        assertEquals(List.of(), bench.followUps);
        assertEquals(List.of(new ZonePicks("A1", Set.of("O1"), false)), bench.engine.zonePicks());
        Files.delete(dir.resolve("picks.json.tmp"));
        bench.engine.cancel("O1");
        assertEquals(ReplyStatus.CANCELLED, bench.followUps.get(0).reply().status());
    }

    @Test
    void aLeftOverTemporaryFileFromACrashDuringWritingIsIgnored() throws Exception {
        Bench bench = onePickInA1();
        Files.writeString(dir.resolve("picks.json.tmp"), "{\"format\":1,\"pic");

        assertEquals(List.of(new ZonePicks("A1", Set.of("O1"), false)), bench.start(PickSettings.DEFAULTS).zonePicks());
        bench.take("A1", E1);
        bench.cycle();
        assertEquals(1, bench.followUps.size());
        assertTrue(Files.readString(dir.resolve("picks.json")).contains("\"picks\":[]"));
    }
}
