package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rules.internal.Fixtures.AMOXICILLIN;
import static org.medcab.rules.internal.Fixtures.EPC_1;
import static org.medcab.rules.internal.Fixtures.EPC_2;
import static org.medcab.rules.internal.Fixtures.EPC_3;
import static org.medcab.rules.internal.Fixtures.PARACETAMOL;
import static org.medcab.rules.internal.Fixtures.cycle;
import static org.medcab.rules.internal.Fixtures.known;
import static org.medcab.rules.internal.Fixtures.unknown;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.rules.StatusReason.Kind;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;
import org.medcab.rules.ZoneStatusListener;

import com.google.gson.JsonObject;

class RulesEngineTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final RuleSettings SETTINGS = new RuleSettings(30, 5, BERLIN);

    @TempDir
    Path dir;

    private final FakeCatalog catalog = new FakeCatalog().drug(AMOXICILLIN, "Amoxicillin 500 mg");
    private final MutableClock clock = new MutableClock(at("2026-03-01T12:00:00"));
    private final RecordingUplink his = new RecordingUplink();
    private final List<ZoneStatus> heard = new ArrayList<>();
    private final ZoneStatusListener lights = heard::add;

    private static Instant at(String berlinTime) {
        return LocalDateTime.parse(berlinTime).atZone(BERLIN).toInstant();
    }

    private RulesEngine engine(ParLevels levels) throws IOException {
        RulesStore store = new RulesStore(dir);
        return new RulesEngine(catalog, clock, store, SETTINGS, levels, store.loadRequested());
    }

    private RulesEngine engine() throws IOException {
        return engine(ParLevels.EMPTY);
    }

    @Test
    void aStatusIsToldOnceWhenItChangesNotEveryCycle() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        engine.uplinkBound(his);
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 3, 20));

        engine.cycleCompleted(cycle(known("A1", EPC_1), known("A2")));
        engine.cycleCompleted(cycle(known("A1", EPC_1), known("A2")));
        engine.cycleCompleted(cycle(known("A1", EPC_1), known("A2")));

        assertEquals(List.of(ZoneCondition.EXPIRING, ZoneCondition.OK), heard.stream().map(ZoneStatus::condition).toList());
        assertEquals(2, his.on("events/zone-status").size());
        UplinkMessage retained = his.on("status/A1").get(0);
        assertTrue(retained.retained());
        assertEquals(Delivery.LATEST, retained.delivery());
        UplinkMessage event = his.on("events/zone-status").get(0);
        assertEquals(Delivery.RECORD, event.delivery());
        assertFalse(event.retained());
        JsonObject body = event.body();
        assertEquals("A1", body.get("zone").getAsString());
        assertEquals("expiring", body.get("condition").getAsString());
        assertTrue(body.get("previous").isJsonNull());
        JsonObject reason = body.getAsJsonArray("reasons").get(0).getAsJsonObject();
        assertEquals("expiring", reason.get("kind").getAsString());
        assertEquals(AMOXICILLIN, reason.get("gtin").getAsString());
        assertEquals("Amoxicillin 500 mg", reason.get("drug").getAsString());
        assertEquals(EPC_1, reason.getAsJsonArray("items").get(0).getAsString());
        assertEquals("2026-03-20", reason.get("expiry").getAsString());
        assertEquals(19, reason.get("daysLeft").getAsInt());

        // The item leaves: one change, naming the condition before.
        engine.cycleCompleted(cycle(known("A1"), known("A2")));
        List<UplinkMessage> events = his.on("events/zone-status");
        assertEquals(3, events.size());
        assertEquals("ok", events.get(2).body().get("condition").getAsString());
        assertEquals("expiring", events.get(2).body().get("previous").getAsString());
    }

    @Test
    void aNewListenerHearsEveryZoneAtOnce() throws IOException {
        RulesEngine engine = engine();
        engine.cycleCompleted(cycle(known("A1"), unknown("A2"), known("A3")));
        engine.addListener(lights);
        assertEquals(List.of("A1", "A2", "A3"), heard.stream().map(ZoneStatus::zone).toList());
        assertEquals(ZoneCondition.UNKNOWN, heard.get(1).condition());
        engine.removeListener(lights);
        engine.cycleCompleted(cycle(known("A1"), known("A2"), known("A3")));
        assertEquals(3, heard.size(), "a removed listener hears nothing more");
    }

    @Test
    void aFailingListenerDoesNotKeepOthersFromHearing() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(s -> {
            throw new IllegalStateException("broken lights driver");
        });
        engine.addListener(lights);
        engine.cycleCompleted(cycle(known("A1")));
        assertEquals(1, heard.size());
    }

    /** Just before and at local midnight in Berlin, which is 23:00 UTC the day before in winter. */
    @Test
    void localMidnightTurnsAnItemCriticalWithoutANewRead() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        engine.uplinkBound(his);
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 3, 6));
        clock.set(at("2026-02-28T23:59:59"));
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(ZoneCondition.EXPIRING, engine.status("A1").condition(), "6 days left on 28 February");

        clock.set(at("2026-03-01T00:00:00"));
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), clock.instant(), "UTC is still on 28 February");
        engine.evaluateAll();
        assertEquals(ZoneCondition.CRITICAL, engine.status("A1").condition(), "5 days left on 1 March in Berlin");
        assertEquals(2, heard.size());
        JsonObject body = his.on("events/zone-status").get(1).body();
        assertEquals("2026-03-01", body.get("localDate").getAsString());
        assertEquals(5, body.getAsJsonArray("reasons").get(0).getAsJsonObject().get("daysLeft").getAsInt());
    }

    /** The component's wiring in small: the midnight timer drives the engine at Berlin midnight on a DST day. */
    @Test
    void midnightTimerReRunsTheRulesOnTheDayAfterTheClocksSpringForward() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 4, 4));
        clock.set(at("2026-03-29T00:00:00"));
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(ZoneCondition.EXPIRING, engine.status("A1").condition(), "6 days left on 29 March");

        ManualScheduler scheduler = new ManualScheduler(clock);
        MidnightTimer timer = new MidnightTimer(clock, scheduler, Duration.ofHours(1), engine::evaluateAll);
        timer.start(BERLIN);
        while (heard.size() == 1) {
            scheduler.runPending();
        }
        assertEquals(at("2026-03-30T00:00:00"), clock.instant());
        assertEquals(Duration.ofHours(23), Duration.between(at("2026-03-29T00:00:00"), clock.instant()));
        assertEquals(ZoneCondition.CRITICAL, heard.get(1).condition());
    }

    @Test
    void offlineReadersMakeTheZoneUnknownAndBackAgain() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        engine.cycleCompleted(cycle(known("A1")));
        engine.cycleCompleted(cycle(unknown("A1")));
        engine.cycleCompleted(cycle(known("A1")));
        assertEquals(List.of(ZoneCondition.OK, ZoneCondition.UNKNOWN, ZoneCondition.OK),
                heard.stream().map(ZoneStatus::condition).toList());
        assertEquals(Kind.READERS_OFFLINE, heard.get(1).reasons().get(0).kind());
    }

    @Test
    void registeringAnItemClearsTheAlarmWithoutANewRead() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        engine.cycleCompleted(cycle(known("A1", EPC_1), known("A2", EPC_2)));
        assertTrue(engine.status("A1").alarm());
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2027, 1, 1));
        engine.catalogChanged(Set.of(EPC_1), Set.of());
        assertFalse(engine.status("A1").alarm());
        assertTrue(engine.status("A2").alarm(), "A2 still holds an unregistered item");
        assertEquals(3, heard.size());
    }

    @Test
    void aChangedExpiryOfADrugsItemsIsPickedUpByGtin() throws IOException {
        RulesEngine engine = engine();
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2027, 1, 1));
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 3, 2));
        engine.catalogChanged(Set.of(), Set.of(AMOXICILLIN));
        assertEquals(ZoneCondition.CRITICAL, engine.status("A1").condition());
    }

    @Test
    void parLevelsTakeEffectAtOnce() throws IOException {
        RulesEngine engine = engine();
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2027, 1, 1));
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(ZoneCondition.OK, engine.status("A1").condition());
        engine.parLevelsChanged(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 2, 0))));
        ZoneStatus status = engine.status("A1");
        assertEquals(ZoneCondition.CRITICAL, status.condition());
        assertEquals(2, status.reasons().get(0).required());
        assertEquals(1, status.reasons().get(0).present());
    }

    @Test
    void replenishmentOncePerCrossingOfTheReorderPoint() throws IOException {
        RulesEngine engine = engine(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 5, 2))));
        engine.uplinkBound(his);
        LocalDate fine = LocalDate.of(2027, 1, 1);
        catalog.item(EPC_1, AMOXICILLIN, fine).item(EPC_2, AMOXICILLIN, fine).item(EPC_3, AMOXICILLIN, fine);

        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2, EPC_3)));
        assertEquals(List.of(), his.on("events/replenishment"), "3 units, reorder point 2");
        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2)));
        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2)));
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        List<UplinkMessage> requests = his.on("events/replenishment");
        assertEquals(1, requests.size(), "once, at the crossing");
        UplinkMessage request = requests.get(0);
        assertEquals(StatusMessages.REPLENISHMENT_SCHEMA, request.schema());
        assertEquals(Delivery.RECORD, request.delivery());
        JsonObject body = request.body();
        assertEquals("A1", body.get("zone").getAsString());
        assertEquals(AMOXICILLIN, body.get("gtin").getAsString());
        assertEquals("Amoxicillin 500 mg", body.get("drug").getAsString());
        assertEquals(2, body.get("present").getAsInt());
        assertEquals(2, body.get("reorderPoint").getAsInt());
        assertEquals(5, body.get("level").getAsInt());
        assertEquals(3, body.get("suggestedQuantity").getAsInt());

        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2, EPC_3)));
        engine.cycleCompleted(cycle(known("A1", EPC_1, EPC_2)));
        assertEquals(2, his.on("events/replenishment").size(), "again after it rose above the reorder point");
    }

    @Test
    void aZoneThatCannotBeReadAsksForNothing() throws IOException {
        RulesEngine engine = engine(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 5, 2))));
        engine.uplinkBound(his);
        engine.cycleCompleted(cycle(unknown("A1")));
        assertEquals(List.of(), his.on("events/replenishment"));
        engine.cycleCompleted(cycle(known("A1")));
        assertEquals(0, his.on("events/replenishment").get(0).body().get("present").getAsInt());
    }

    @Test
    void anOutstandingRequestSurvivesARestart() throws IOException {
        ParLevels levels = ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 5, 2)));
        RulesEngine first = engine(levels);
        first.uplinkBound(his);
        first.cycleCompleted(cycle(known("A1")));
        assertEquals(1, his.on("events/replenishment").size());

        RulesEngine restarted = engine(levels);
        restarted.uplinkBound(his);
        restarted.cycleCompleted(cycle(known("A1")));
        assertEquals(1, his.on("events/replenishment").size(), "not asked again after a restart");
    }

    @Test
    void removingTheParLevelVoidsTheOutstandingRequest() throws IOException {
        RulesEngine engine = engine(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 5, 2))));
        engine.uplinkBound(his);
        engine.cycleCompleted(cycle(known("A1")));
        engine.parLevelsChanged(ParLevels.EMPTY);
        engine.parLevelsChanged(ParLevels.of(List.of(new ParLevel("A1", AMOXICILLIN, 5, 2))));
        assertEquals(2, his.on("events/replenishment").size(), "a new par level starts with no request outstanding");
        assertEquals(Set.of(new ZoneDrug("A1", AMOXICILLIN)), new RulesStore(dir).loadRequested());
    }

    @Test
    void whatTheHisMissedWhileTheLinkWasAwayIsSentWhenItReturns() throws IOException {
        RulesEngine engine = engine(ParLevels.of(List.of(new ParLevel("A1", PARACETAMOL, 3, 1))));
        engine.addListener(lights);
        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 3, 3));
        engine.cycleCompleted(cycle(known("A1", EPC_1), known("A2")));
        engine.cycleCompleted(cycle(known("A1"), known("A2", EPC_1)));
        assertEquals(4, heard.size(), "the lights do not wait for the HIS");

        engine.uplinkBound(his);
        assertEquals(2, his.on("events/zone-status").size(), "each zone's current status, once");
        assertEquals(1, his.on("status/A1").size());
        assertEquals(1, his.on("status/A2").size());
        assertEquals("critical", his.on("status/A2").get(0).body().get("condition").getAsString());
        assertEquals(1, his.on("events/replenishment").size(), "the request that could not go out");
    }

    @Test
    void aRefusedMessageIsTriedAgainAtTheNextEvaluation() throws IOException {
        RulesEngine engine = engine();
        engine.uplinkBound(his);
        his.refusing = true;
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(List.of(), his.sent);
        his.refusing = false;
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(1, his.on("events/zone-status").size());
        assertTrue(his.on("events/zone-status").get(0).body().get("alarm").getAsBoolean());
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(1, his.on("events/zone-status").size());
    }

    @Test
    void aReplacedUplinkIsUsedAndTheOldOneForgotten() throws IOException {
        RulesEngine engine = engine();
        RecordingUplink replacement = new RecordingUplink();
        engine.uplinkBound(his);
        engine.uplinkBound(replacement);
        engine.uplinkUnbound(his);
        engine.cycleCompleted(cycle(known("A1")));
        assertEquals(List.of(), his.sent);
        assertEquals(2, replacement.sent.size());
        engine.uplinkUnbound(replacement);
        engine.cycleCompleted(cycle(known("A1", EPC_1)));
        assertEquals(2, replacement.sent.size());
    }

    @Test
    void aZoneIdThatCannotBeATopicLevelStillReachesTheLightsButNotTheHis() throws IOException {
        RulesEngine engine = engine();
        engine.addListener(lights);
        engine.uplinkBound(his);
        engine.cycleCompleted(cycle(known("A/1"), known("A2")));
        engine.cycleCompleted(cycle(known("A/1", EPC_1), known("A2")));
        assertEquals(List.of("A/1", "A2", "A/1"), heard.stream().map(ZoneStatus::zone).toList());
        assertEquals(List.of("events/zone-status", "status/A2"), his.sent.stream().map(UplinkMessage::subtopic).toList());
    }

    @Test
    void aRefusedRetainedStatusDoesNotRepeatTheEvent() throws IOException {
        RulesEngine engine = engine();
        RecordingUplink retainedRefused = new RecordingUplink();
        retainedRefused.refusingRetained = true;
        engine.uplinkBound(retainedRefused);
        engine.cycleCompleted(cycle(known("A1")));
        engine.cycleCompleted(cycle(known("A1")));
        assertEquals(1, retainedRefused.on("events/zone-status").size());
    }

    @Test
    void zonesNoLongerConfiguredAreForgotten() throws IOException {
        RulesEngine engine = engine();
        engine.cycleCompleted(cycle(known("A1"), known("A2")));
        engine.cycleCompleted(cycle(known("A1")));
        engine.addListener(lights);
        assertEquals(List.of("A1"), heard.stream().map(ZoneStatus::zone).toList());
    }
}
