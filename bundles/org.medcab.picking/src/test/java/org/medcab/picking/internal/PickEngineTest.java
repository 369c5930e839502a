package org.medcab.picking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.picking.internal.Bench.IBUPROFEN;
import static org.medcab.picking.internal.Bench.PARACETAMOL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.api.ZoneState;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.ReplyStatus;
import org.medcab.picking.ZonePicks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class PickEngineTest {
    private static final PickOrigin ORIGIN = new PickOrigin("req-1", "corr-1");
    private static final String E1 = "3074257BF7194E4000001A01";
    private static final String E2 = "3074257BF7194E4000001A02";
    private static final String E3 = "3074257BF7194E4000001A03";
    private static final String E4 = "3074257BF7194E4000001A04";
    private static final String E5 = "3074257BF7194E4000001A05";
    private static final String E6 = "3074257BF7194E4000001A06";

    @TempDir
    Path dir;

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static PickOrder order(String orderId, String gtin, int quantity) {
        return new PickOrder(orderId, gtin, quantity, null);
    }

    /** A1: one late paracetamol; A2: two earlier ones of two batches; B1: one as early as A2's, batch sorting first. */
    private Bench stockedCabinet() {
        Bench bench = new Bench(dir, "A1", "A2", "B1");
        bench.put("A1", E1, PARACETAMOL, "L9", "2027-06-30");
        bench.put("A2", E2, PARACETAMOL, "L2", "2027-02-28");
        bench.put("A2", E3, PARACETAMOL, "L3", "2027-03-31");
        bench.put("B1", E4, PARACETAMOL, "L1", "2027-02-28");
        bench.put("B1", E5, IBUPROFEN, "X1", "2027-01-31");
        bench.cycle();
        return bench;
    }

    @Test
    void choosesFirstExpiryFirstOutAcrossZonesAndBatches() throws Exception {
        Bench bench = stockedCabinet();

        PickEngine.Accepted accepted = bench.engine.pick(order("O1", PARACETAMOL, 3), ORIGIN);

        assertTrue(accepted.created());
        assertEquals(ReplyStatus.ACCEPTED, accepted.reply().status());
        // Same expiry in B1 and A2: batch L1 before L2; then A2's March unit; A1's June unit is not needed.
        assertEquals(json("""
                {"orderId":"O1","gtin":"%s","quantity":3,"deadline":"2026-12-01T08:10:10Z","zones":[
                  {"zone":"B1","quantity":1,"items":[{"code":"%s","batch":"L1","expiry":"2027-02-28"}]},
                  {"zone":"A2","quantity":2,"items":[{"code":"%s","batch":"L2","expiry":"2027-02-28"},
                                                    {"code":"%s","batch":"L3","expiry":"2027-03-31"}]}]}
                """.formatted(PARACETAMOL, E4, E2, E3)), accepted.reply().result());
        assertEquals(List.of(new ZonePicks("A2", Set.of("O1"), false), new ZonePicks("B1", Set.of("O1"), false)),
                bench.zonePicks);
        assertEquals(bench.zonePicks, bench.engine.zonePicks());
    }

    @Test
    void expiredAndCriticalUnitsAreNotOffered() throws Exception {
        Bench bench = new Bench(dir, "A1", "A2");
        bench.put("A1", E1, PARACETAMOL, "L1", "2026-11-30"); // expired yesterday
        bench.put("A1", E2, PARACETAMOL, "L2", "2026-12-06"); // 5 days left: red, treated as expired
        bench.put("A2", E3, PARACETAMOL, "L3", "2026-12-07"); // 6 days left: the first one offered
        bench.put("A2", E4, PARACETAMOL, "L4", "2027-01-31");
        bench.cycle();

        CommandReply reply = bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN).reply();

        assertEquals(json("""
                {"orderId":"O1","gtin":"%s","quantity":1,"deadline":"2026-12-01T08:10:10Z","zones":[
                  {"zone":"A2","quantity":1,"items":[{"code":"%s","batch":"L3","expiry":"2026-12-07"}]}]}
                """.formatted(PARACETAMOL, E3)), reply.result());
        assertEquals(List.of(new ZonePicks("A2", Set.of("O1"), false)), bench.zonePicks);
    }

    @Test
    void criticalDaysComeFromTheSettings() throws Exception {
        Bench bench = new Bench(dir, "A1");
        bench.put("A1", E1, PARACETAMOL, "L1", "2026-12-02"); // one day left
        bench.cycle();
        assertEquals("/quantity", assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN)).field());

        bench.engine.updateSettings(PickSettings.of(600, 3600, 0));

        assertEquals(ReplyStatus.ACCEPTED, bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN).reply().status());
    }

    @Test
    void notEnoughStockIsRejectedWithWhatIsThereAndLightsNothing() throws Exception {
        Bench bench = new Bench(dir, "A1", "A2", "B1");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.put("A1", E2, PARACETAMOL, "L2", "2026-12-03");
        bench.put("A2", E3, PARACETAMOL, "L3", "2027-01-31");
        bench.put("B1", E4, PARACETAMOL, "L4", "2027-01-31");
        bench.cycle();
        bench.states.put("B1", ZoneState.UNKNOWN); // its reader stops answering: last known contents, not usable
        bench.cycle();

        CommandRejectedException e = assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", PARACETAMOL, 3), ORIGIN));

        assertEquals("/quantity", e.field());
        assertEquals("only 2 of the 3 requested unit(s) of GTIN " + PARACETAMOL + " can be offered (A1: 1, A2: 1);"
                + " not offered: 1 expired or within 5 days of expiry, 1 in zones that cannot be read now,"
                + " 0 already guided to for other pick orders", e.problem());
        assertEquals(List.of(), bench.zonePicks);
        assertEquals(List.of(), bench.engine.zonePicks());
        assertFalse(Files.exists(bench.storeFile), "a refused pick is not stored");
    }

    @Test
    void unitsInAnUnknownZoneAreNotUsed() throws Exception {
        Bench bench = new Bench(dir, "A1", "A2");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31"); // earliest, but A1 cannot be read
        bench.put("A2", E2, PARACETAMOL, "L2", "2027-05-31");
        bench.cycle();
        bench.states.put("A1", ZoneState.UNKNOWN);
        bench.cycle();

        CommandReply reply = bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN).reply();

        assertEquals("A2", reply.result().getAsJsonArray("zones").get(0).getAsJsonObject().get("zone").getAsString());
        assertEquals(List.of(new ZonePicks("A2", Set.of("O1"), false)), bench.zonePicks);
    }

    @Test
    void completesOverSeveralCyclesAndWaitsForAnUnknownZone() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 2), ORIGIN); // E4 in B1, E2 in A2
        bench.zonePicks.clear();

        bench.take("B1", E4);
        bench.cycle();
        assertEquals(List.of(), bench.followUps, "one of two taken: still picking");

        bench.take("A2", E2);
        bench.states.put("A2", ZoneState.UNKNOWN); // the reader of A2 does not answer: its last contents stand
        bench.cycle();
        assertEquals(List.of(), bench.followUps, "an unreadable zone vouches for nothing");
        assertEquals(List.of(), bench.zonePicks);

        bench.states.put("A2", ZoneState.KNOWN);
        bench.cycle();

        assertEquals(List.of(new Bench.FollowUp(ORIGIN, CommandReply.ok(json("""
                {"orderId":"O1","gtin":"%s","quantity":2,"items":[
                  {"code":"%s","batch":"L1","expiry":"2027-02-28","zone":"B1","suggested":true},
                  {"code":"%s","batch":"L2","expiry":"2027-02-28","zone":"A2","suggested":true}]}
                """.formatted(PARACETAMOL, E4, E2))))), bench.followUps);
        assertEquals(List.of(new ZonePicks("A2", Set.of(), false), new ZonePicks("B1", Set.of(), false)),
                bench.zonePicks);
        assertEquals(List.of(), bench.alarms);
    }

    @Test
    void anotherUnitOfTheSameDrugCompletesThePickAndIsNamedAsNotSuggested() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN); // suggests E4 in B1
        bench.put("B1", E6, PARACETAMOL, "L7", "2027-08-31"); // restocked into B1 during the pick
        bench.cycle();

        bench.take("B1", E6); // the pharmacist takes the newer unit
        bench.cycle();

        assertEquals(List.of(new Bench.FollowUp(ORIGIN, CommandReply.ok(json("""
                {"orderId":"O1","gtin":"%s","quantity":1,"items":[
                  {"code":"%s","batch":"L7","expiry":"2027-08-31","zone":"B1","suggested":false}]}
                """.formatted(PARACETAMOL, E6))))), bench.followUps);
        assertEquals(List.of(), bench.alarms);
    }

    @Test
    void anotherDrugLeavingAGuidedZoneRaisesTheAlarmUntilThePickEnds() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN); // E4 in B1, beside ibuprofen E5
        bench.zonePicks.clear();

        bench.take("B1", E5);
        bench.cycle();

        assertEquals(List.of(new Bench.Alarm(Bench.T0.plusSeconds(20), json("""
                {"alarm":"wrong-item-taken","state":"raised","zone":"B1",
                 "items":[{"code":"%s","gtin":"%s","batch":"X1","expiry":"2027-01-31"}],"orderId":"O1",
                 "detail":"1 item(s) not of the drug being picked (GTIN %s) left zone B1 during pick order O1: %s (GTIN %s, batch X1, expiry 2027-01-31)"}
                """.formatted(E5, IBUPROFEN, PARACETAMOL, E5, IBUPROFEN)))), bench.alarms);
        assertEquals(List.of(new ZonePicks("B1", Set.of("O1"), true)), bench.zonePicks);

        bench.cycle(); // nothing new: no second alarm
        assertEquals(1, bench.alarms.size());

        bench.take("B1", E4);
        bench.cycle();
        assertEquals(ReplyStatus.OK, bench.followUps.get(0).reply().status());
        assertEquals(json("""
                {"alarm":"wrong-item-taken","state":"cleared","zone":"B1",
                 "items":[{"code":"%s","gtin":"%s","batch":"X1","expiry":"2027-01-31"}],"orderId":"O1",
                 "detail":"pick order O1 ended (ok); the wrong-item-taken alarm of zone B1 is cleared"}
                """.formatted(E5, IBUPROFEN)), bench.alarms.get(1).body());
        assertEquals(List.of(new ZonePicks("B1", Set.of("O1"), true), new ZonePicks("B1", Set.of(), false)),
                bench.zonePicks);
    }

    @Test
    void anUnregisteredItemLeavingIsAWrongItem() throws Exception {
        Bench bench = stockedCabinet();
        bench.zones.get("B1").add(E6); // in the cabinet, never registered
        bench.cycle();
        bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN);

        bench.zones.get("B1").remove(E6);
        bench.cycle();

        assertEquals(JsonParser.parseString("[{\"code\":\"" + E6 + "\"}]"), bench.alarms.get(0).body().get("items"));
        assertTrue(bench.alarms.get(0).body().get("detail").getAsString().endsWith(E6 + " (not registered)"));
        assertEquals(List.of(new ZonePicks("B1", Set.of("O1"), true)), bench.engine.zonePicks());
    }

    @Test
    void cancelRepliesOkAndEndsThePickWithACancelledReply() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 2), ORIGIN);
        bench.take("B1", E4);
        bench.cycle();
        bench.zonePicks.clear();

        CommandReply reply = bench.engine.cancel("O1");

        JsonObject soFar = json("""
                {"orderId":"O1","gtin":"%s","quantity":2,"items":[
                  {"code":"%s","batch":"L1","expiry":"2027-02-28","zone":"B1","suggested":true}]}
                """.formatted(PARACETAMOL, E4));
        assertEquals(CommandReply.ok(soFar), reply);
        assertEquals(List.of(new Bench.FollowUp(ORIGIN, CommandReply.of(ReplyStatus.CANCELLED, soFar))), bench.followUps);
        assertEquals(List.of(new ZonePicks("A2", Set.of(), false), new ZonePicks("B1", Set.of(), false)),
                bench.zonePicks);

        CommandRejectedException again = assertThrows(CommandRejectedException.class, () -> bench.engine.cancel("O1"));
        assertEquals("/orderId", again.field());
        assertEquals("no active pick order O1 (never accepted, or already ended)", again.problem());
        CommandRejectedException unknown = assertThrows(CommandRejectedException.class, () -> bench.engine.cancel("O9"));
        assertEquals("/orderId", unknown.field());
    }

    @Test
    void timesOutWithWhatLeftSoFar() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(new PickOrder("O1", PARACETAMOL, 2, 60), ORIGIN);
        bench.take("B1", E4);
        bench.cycle(); // +10 s
        bench.clock.advance(Duration.ofSeconds(49));
        bench.engine.tick();
        assertEquals(List.of(), bench.followUps, "one second before the deadline");

        bench.clock.advance(Duration.ofSeconds(1));
        bench.engine.tick();

        assertEquals(List.of(new Bench.FollowUp(ORIGIN, CommandReply.of(ReplyStatus.TIMED_OUT, json("""
                {"orderId":"O1","gtin":"%s","quantity":2,"items":[
                  {"code":"%s","batch":"L1","expiry":"2027-02-28","zone":"B1","suggested":true}]}
                """.formatted(PARACETAMOL, E4))))), bench.followUps);
        assertEquals(List.of(), bench.engine.zonePicks());
    }

    @Test
    void activePicksResumeAfterARestartAndStillReplyToTheOriginalRequest() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 2), ORIGIN);
        bench.take("B1", E4);
        bench.cycle();
        bench.take("B1", E5); // wrong item, alarmed before the restart
        bench.cycle();
        assertEquals(1, bench.alarms.size());

        bench.take("A2", E2); // taken while the gateway is down
        PickEngine restarted = bench.start(PickSettings.DEFAULTS);
        assertEquals(List.of(new ZonePicks("A2", Set.of("O1"), false), new ZonePicks("B1", Set.of("O1"), true)),
                restarted.zonePicks());
        CommandRejectedException changed = assertThrows(CommandRejectedException.class,
                () -> restarted.pick(order("O1", PARACETAMOL, 3), new PickOrigin("req-2", "req-2")));
        assertEquals("/orderId", changed.field());

        bench.cycle();

        assertEquals(List.of(new Bench.FollowUp(ORIGIN, CommandReply.ok(json("""
                {"orderId":"O1","gtin":"%s","quantity":2,"items":[
                  {"code":"%s","batch":"L1","expiry":"2027-02-28","zone":"B1","suggested":true},
                  {"code":"%s","batch":"L2","expiry":"2027-02-28","zone":"A2","suggested":true}]}
                """.formatted(PARACETAMOL, E4, E2))))), bench.followUps);
        assertEquals("cleared", bench.alarms.get(1).body().get("state").getAsString());
        assertEquals(List.of(), bench.start(PickSettings.DEFAULTS).zonePicks(), "the ended pick is gone from the store");
    }

    @Test
    void aReplyTheLinkCannotTakeIsKeptAcrossARestartAndSentLater() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN);
        bench.linkUp = false;
        bench.take("B1", E4);
        bench.cycle();
        assertEquals(List.of(), bench.followUps);
        assertEquals(List.of(), bench.engine.zonePicks(), "the pick is over even though its reply waits");

        bench.start(PickSettings.DEFAULTS).tick();
        assertEquals(List.of(), bench.followUps);
        bench.linkUp = true;
        bench.engine.tick();

        assertEquals(1, bench.followUps.size());
        assertEquals(ReplyStatus.OK, bench.followUps.get(0).reply().status());
        assertEquals(ORIGIN, bench.followUps.get(0).origin());
        bench.start(PickSettings.DEFAULTS).tick();
        assertEquals(1, bench.followUps.size(), "delivered once, not again after a restart");
    }

    @Test
    void severalOrdersShareAZone() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN); // E4 in B1
        bench.engine.pick(order("O2", IBUPROFEN, 1), new PickOrigin("req-2", "corr-2")); // E5 in B1
        assertEquals(List.of(new ZonePicks("B1", Set.of("O1"), false), new ZonePicks("B1", Set.of("O1", "O2"), false)),
                bench.zonePicks);
        bench.zonePicks.clear();

        bench.take("B1", E5); // ibuprofen: the drug of O2, not a wrong item for O1
        bench.cycle();

        assertEquals(List.of(), bench.alarms);
        assertEquals(1, bench.followUps.size());
        assertEquals("req-2", bench.followUps.get(0).origin().requestId());
        assertEquals(List.of(new ZonePicks("B1", Set.of("O1"), false)), bench.zonePicks);
    }

    @Test
    void twoOrdersOfOneDrugAreOfferedDifferentUnitsAndEachCountsItsOwn() throws Exception {
        Bench bench = stockedCabinet();
        CommandReply first = bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN).reply();
        CommandReply second = bench.engine.pick(order("O2", PARACETAMOL, 2), new PickOrigin("req-2", "req-2")).reply();
        assertEquals("[{\"zone\":\"B1\",\"quantity\":1,\"items\":[{\"code\":\"" + E4
                + "\",\"batch\":\"L1\",\"expiry\":\"2027-02-28\"}]}]", first.result().get("zones").toString());
        assertEquals("A2", second.result().getAsJsonArray("zones").get(0).getAsJsonObject().get("zone").getAsString());

        bench.take("A2", E2);
        bench.take("A2", E3);
        bench.take("B1", E4);
        bench.cycle();

        assertEquals(2, bench.followUps.size());
        assertEquals(Set.of(E4), codes(bench.followUps.get(0).reply()));
        assertEquals(Set.of(E2, E3), codes(bench.followUps.get(1).reply()));
    }

    @Test
    void aUnitMovedBetweenGuidedZonesOrPutBackIsNotTaken() throws Exception {
        Bench bench = stockedCabinet();
        bench.engine.pick(order("O1", PARACETAMOL, 3), ORIGIN); // B1: E4, A2: E2 and E3
        bench.take("A2", E2);
        bench.zones.get("B1").add(E2); // moved to the other guided zone
        bench.take("A2", E3);
        bench.cycle();
        bench.zones.get("A2").add(E3); // put back
        bench.cycle();
        assertEquals(List.of(), bench.followUps);

        bench.take("B1", E4);
        bench.take("B1", E2);
        bench.take("A2", E3);
        bench.cycle();
        assertEquals(Set.of(E2, E3, E4), codes(bench.followUps.get(0).reply()));
    }

    @Test
    void theSameOrderAgainGetsTheSameAnswerAndAChangedOneIsRefused() throws Exception {
        Bench bench = stockedCabinet();
        PickEngine.Accepted first = bench.engine.pick(order("O1", PARACETAMOL, 2), ORIGIN);
        bench.put("A1", E6, PARACETAMOL, "L0", "2027-01-15"); // an earlier unit arrives: the answer stays
        bench.cycle();

        PickEngine.Accepted again = bench.engine.pick(order("O1", PARACETAMOL, 2), new PickOrigin("req-2", "req-2"));

        assertFalse(again.created());
        assertEquals(first.reply(), again.reply());
        CommandRejectedException e = assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", IBUPROFEN, 2), ORIGIN));
        assertEquals("/orderId", e.field());
        assertEquals("pick order O1 is already active for 2 unit(s) of GTIN " + PARACETAMOL
                + "; cancel it first to change it", e.problem());
    }

    @Test
    void refusesWhatItCannotDo() {
        Bench bench = new Bench(dir, "A1");
        CommandRejectedException early = assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", PARACETAMOL, 1), ORIGIN));
        assertEquals("", early.field());
        bench.cycle();
        assertEquals("/gtin", assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", "09501101530001", 1), ORIGIN)).field());
        assertEquals("/quantity", assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(order("O1", PARACETAMOL, 101), ORIGIN)).field());
        CommandRejectedException longer = assertThrows(CommandRejectedException.class,
                () -> bench.engine.pick(new PickOrder("O1", PARACETAMOL, 1, 3601), ORIGIN));
        assertEquals("/timeoutSeconds", longer.field());
        assertEquals("must be 1 to 3600 (maxTimeoutSeconds of this gateway)", longer.problem());
        assertEquals(List.of(), bench.zonePicks);
    }

    private static Set<String> codes(CommandReply reply) {
        return reply.result().getAsJsonArray("items").asList().stream()
                .map(i -> i.getAsJsonObject().get("code").getAsString())
                .collect(java.util.stream.Collectors.toSet());
    }
}
