package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rules.internal.Fixtures.AMOXICILLIN;
import static org.medcab.rules.internal.Fixtures.EPC_1;
import static org.medcab.rules.internal.Fixtures.EPC_2;
import static org.medcab.rules.internal.Fixtures.EPC_3;
import static org.medcab.rules.internal.Fixtures.EPC_4;
import static org.medcab.rules.internal.Fixtures.EPC_5;
import static org.medcab.rules.internal.Fixtures.INSULIN;
import static org.medcab.rules.internal.Fixtures.PARACETAMOL;
import static org.medcab.rules.internal.Fixtures.known;
import static org.medcab.rules.internal.Fixtures.unknown;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medcab.api.ZoneInventory;
import org.medcab.identifiers.Identifier;
import org.medcab.identifiers.Identifiers;
import org.medcab.identifiers.PackLabel;
import org.medcab.rules.StatusReason;
import org.medcab.rules.StatusReason.Kind;
import org.medcab.rules.ZoneCondition;
import org.medcab.rules.ZoneStatus;

/** The rules as a pure function: every boundary of the expiry, par level and offline rules. */
class ZoneRulesTest {
    private static final RuleSettings DEFAULTS = new RuleSettings(30, 5, ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final FakeCatalog catalog = new FakeCatalog();

    private ZoneStatus evaluate(ZoneInventory zone, LocalDate today, RuleSettings settings, ParLevel... levels) {
        return ZoneRules.evaluate(zone, catalog, List.of(levels), today, settings, NOW);
    }

    private ZoneStatus oneItemExpiring(LocalDate expiry, LocalDate today, RuleSettings settings) {
        catalog.item(EPC_1, AMOXICILLIN, expiry);
        return evaluate(known("A1", EPC_1), today, settings);
    }

    /** Days left = expiry − today; 0 is the expiry day itself, which is still usable but critical. */
    @ParameterizedTest(name = "expiry {0}, today {1}: {2}")
    @CsvSource({
            "2026-07-01, 2026-05-31, OK",        // 31 days left
            "2026-07-01, 2026-06-01, EXPIRING",  // 30 days left: the warning period's first day
            "2026-06-07, 2026-06-01, EXPIRING",  // 6 days left
            "2026-06-06, 2026-06-01, CRITICAL",  // 5 days left: the critical period's first day
            "2026-06-01, 2026-06-01, CRITICAL",  // the expiry day
            "2026-05-31, 2026-06-01, CRITICAL",  // expired yesterday
            "2020-01-01, 2026-06-01, CRITICAL",  // long expired
    })
    void expiryBoundaries(LocalDate expiry, LocalDate today, ZoneCondition expected) {
        ZoneStatus status = oneItemExpiring(expiry, today, DEFAULTS);
        assertEquals(expected, status.condition());
        assertFalse(status.alarm());
        if (expected == ZoneCondition.OK) {
            assertEquals(List.of(), status.reasons());
        } else {
            Kind kind = expected == ZoneCondition.CRITICAL ? Kind.EXPIRED : Kind.EXPIRING;
            assertEquals(List.of(new StatusReason(kind, AMOXICILLIN, List.of(EPC_1), expiry, 0, 0)), status.reasons());
        }
    }

    @Test
    void daysLeftIsCalendarDays() {
        assertEquals(0, ZoneRules.daysLeft(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 3, 31)));
        assertEquals(-1, ZoneRules.daysLeft(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 31)));
        assertEquals(1, ZoneRules.daysLeft(LocalDate.of(2027, 12, 31), LocalDate.of(2028, 1, 1)));
    }

    /** Month ends: 30 days back from 31 January is 1 January; from 1 March it depends on February. */
    @ParameterizedTest(name = "expiry {0}, today {1}: {2}")
    @CsvSource({
            "2026-01-31, 2025-12-31, OK",        // 31 days across a year end
            "2026-01-31, 2026-01-01, EXPIRING",  // 30
            "2026-03-31, 2026-03-01, EXPIRING",  // 30 (March has 31 days)
            "2026-04-30, 2026-03-31, EXPIRING",  // 30
            "2026-04-30, 2026-03-30, OK",        // 31
            "2026-03-01, 2026-01-29, OK",        // 31 days: February 2026 has 28 days ...
            "2026-03-01, 2026-01-30, EXPIRING",  // ... so 30 January is 30 days before 1 March ...
            "2028-03-01, 2028-01-30, OK",        // ... but 31 days in the leap year 2028
            "2028-03-01, 2028-01-31, EXPIRING",  // 30
            "2026-03-01, 2026-02-24, CRITICAL",  // 5 days across 28 February
            "2028-03-01, 2028-02-24, EXPIRING",  // 6 days across 29 February in a leap year
            "2028-03-01, 2028-02-25, CRITICAL",  // 5
    })
    void monthEndsAndFebruary(LocalDate expiry, LocalDate today, ZoneCondition expected) {
        assertEquals(expected, oneItemExpiring(expiry, today, DEFAULTS).condition());
    }

    /** 29 February as an expiry date: the last usable day, expired from 1 March. */
    @Test
    void leapDayExpiry() {
        LocalDate leapDay = LocalDate.of(2028, 2, 29);
        ZoneStatus onTheDay = oneItemExpiring(leapDay, leapDay, new RuleSettings(30, 0, ZoneOffset.UTC));
        assertEquals(ZoneCondition.CRITICAL, onTheDay.condition(), "critical on its expiry day with criticalDays 0");
        ZoneStatus dayBefore = oneItemExpiring(leapDay, LocalDate.of(2028, 2, 28), new RuleSettings(30, 0, ZoneOffset.UTC));
        assertEquals(ZoneCondition.EXPIRING, dayBefore.condition());
        ZoneStatus dayAfter = oneItemExpiring(leapDay, LocalDate.of(2028, 3, 1), new RuleSettings(30, 0, ZoneOffset.UTC));
        assertEquals(ZoneCondition.CRITICAL, dayAfter.condition());
        assertEquals(-1, ZoneRules.daysLeft(LocalDate.of(2028, 3, 1), leapDay));
    }

    /**
     * A day-00 expiry on a real label, decoded by the identifiers bundle: {@code 17YYMM00} is the
     * month's last day (29 February in a leap year, 28 in another), and that day is still usable.
     */
    @ParameterizedTest(name = "label expiry {0} is {1}")
    @CsvSource({
            "280200, 2028-02-29",
            "270200, 2027-02-28",
            "261200, 2026-12-31",
            "260400, 2026-04-30",
    })
    void dayZeroExpiryFromAScannedLabel(String yymm00, LocalDate lastDay) {
        String scanned = "]d2" + "01" + AMOXICILLIN + "17" + yymm00 + "10" + "A1B2C3" + "\u001D" + "21" + "6789";
        Identifier parsed = Identifiers.parseLabel(scanned, LocalDate.of(2026, 1, 1));
        PackLabel label = assertInstanceOf(PackLabel.class, parsed, parsed.toString());
        LocalDate expiry = label.expiry().orElseThrow();
        assertEquals(lastDay, expiry);
        catalog.item(new org.medcab.catalog.RegisteredItem(EPC_1, label.gtin(), label.batch().orElseThrow(), expiry,
                null, NOW));
        RuleSettings criticalOnlyFromExpiry = new RuleSettings(30, 0, ZoneOffset.UTC);

        ZoneStatus onLastDay = evaluate(known("A1", EPC_1), lastDay, criticalOnlyFromExpiry);
        assertEquals(ZoneCondition.CRITICAL, onLastDay.condition());
        assertEquals(0, ZoneRules.daysLeft(lastDay, onLastDay.reasons().get(0).expiry()), "usable on the month's last day");
        ZoneStatus dayBefore = evaluate(known("A1", EPC_1), lastDay.minusDays(1), criticalOnlyFromExpiry);
        assertEquals(ZoneCondition.EXPIRING, dayBefore.condition(), "1 day left on the day before the month's last");
        ZoneStatus firstOfNextMonth = evaluate(known("A1", EPC_1), lastDay.plusDays(1), criticalOnlyFromExpiry);
        assertEquals(-1, ZoneRules.daysLeft(lastDay.plusDays(1), expiry), "expired on the first of the next month");
        assertEquals(ZoneCondition.CRITICAL, firstOfNextMonth.condition());
        ZoneStatus monthBefore = evaluate(known("A1", EPC_1), lastDay.minusDays(31), DEFAULTS);
        assertEquals(ZoneCondition.OK, monthBefore.condition(), "31 days before the month's last day");
    }

    @Test
    void criticalDaysZeroMakesOnlyTheExpiryDayAndLaterCritical() {
        RuleSettings zero = new RuleSettings(30, 0, ZoneOffset.UTC);
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertEquals(ZoneCondition.EXPIRING, oneItemExpiring(today.plusDays(1), today, zero).condition());
        assertEquals(ZoneCondition.CRITICAL, oneItemExpiring(today, today, zero).condition());
    }

    @Test
    void warningDaysZeroWarnsOfNothingBeforeTheCriticalPeriod() {
        RuleSettings zero = new RuleSettings(0, 0, ZoneOffset.UTC);
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertEquals(ZoneCondition.OK, oneItemExpiring(today.plusDays(1), today, zero).condition());
        assertEquals(ZoneCondition.CRITICAL, oneItemExpiring(today, today, zero).condition());
    }

    @Test
    void criticalAboveWarningLeavesNoExpiringBand() {
        RuleSettings inverted = new RuleSettings(5, 10, ZoneOffset.UTC);
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertEquals(ZoneCondition.CRITICAL, oneItemExpiring(today.plusDays(8), today, inverted).condition());
        assertEquals(ZoneCondition.OK, oneItemExpiring(today.plusDays(11), today, inverted).condition());
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RuleSettings(-1, 5, ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> new RuleSettings(30, -1, ZoneOffset.UTC));
    }

    @Test
    void emptyKnownZoneIsOk() {
        ZoneStatus status = evaluate(known("A1"), LocalDate.of(2026, 6, 1), DEFAULTS);
        assertEquals(new ZoneStatus("A1", ZoneCondition.OK, List.of(), false, NOW), status);
    }

    @Test
    void zoneWithOfflineReadersIsUnknownNeverOk() {
        ZoneStatus empty = evaluate(unknown("A1"), LocalDate.of(2026, 6, 1), DEFAULTS);
        assertEquals(ZoneCondition.UNKNOWN, empty.condition());
        assertEquals(List.of(new StatusReason(Kind.READERS_OFFLINE, "", List.of(), null, 0, 0)), empty.reasons());

        catalog.item(EPC_1, AMOXICILLIN, LocalDate.of(2026, 7, 1));
        ZoneStatus fine = evaluate(unknown("A1", EPC_1), LocalDate.of(2026, 5, 1), DEFAULTS);
        assertEquals(ZoneCondition.UNKNOWN, fine.condition(), "items all fine, but nobody can vouch for them");
    }

    @Test
    void unknownZoneKeepsWhatIsKnownOfItsLastKnownItems() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        catalog.item(EPC_1, AMOXICILLIN, today.minusDays(1));
        ZoneStatus status = evaluate(unknown("A1", EPC_1, EPC_2), today, DEFAULTS,
                new ParLevel("A1", PARACETAMOL, 2, 0));
        assertEquals(ZoneCondition.UNKNOWN, status.condition());
        assertEquals(List.of(Kind.READERS_OFFLINE, Kind.UNREGISTERED, Kind.EXPIRED, Kind.BELOW_PAR),
                status.reasons().stream().map(StatusReason::kind).toList());
        assertTrue(status.alarm());
    }

    @Test
    void unregisteredItemRaisesTheAlarmNotTheCondition() {
        ZoneStatus status = evaluate(known("A1", EPC_2, EPC_1), LocalDate.of(2026, 6, 1), DEFAULTS);
        assertEquals(ZoneCondition.OK, status.condition());
        assertTrue(status.alarm());
        assertEquals(List.of(new StatusReason(Kind.UNREGISTERED, "", List.of(EPC_1, EPC_2), null, 0, 0)), status.reasons());
    }

    @Test
    void unregisteredItemBesideAnExpiringOneKeepsYellowAndAlarms() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        catalog.item(EPC_1, AMOXICILLIN, today.plusDays(20));
        ZoneStatus status = evaluate(known("A1", EPC_1, EPC_2), today, DEFAULTS);
        assertEquals(ZoneCondition.EXPIRING, status.condition());
        assertTrue(status.alarm());
    }

    @Test
    void belowParIsCriticalWithLevelAndPresent() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        LocalDate fine = today.plusYears(1);
        catalog.item(EPC_1, AMOXICILLIN, fine).item(EPC_2, AMOXICILLIN, fine).item(EPC_3, PARACETAMOL, fine);
        ParLevel amoxicillin = new ParLevel("A1", AMOXICILLIN, 2, 0);
        ParLevel paracetamol = new ParLevel("A1", PARACETAMOL, 3, 1);
        ParLevel insulin = new ParLevel("A1", INSULIN, 1, 0);

        ZoneStatus atLevel = evaluate(known("A1", EPC_1, EPC_2), today, DEFAULTS, amoxicillin);
        assertEquals(ZoneCondition.OK, atLevel.condition(), "exactly at the par level is enough");

        ZoneStatus short1 = evaluate(known("A1", EPC_1, EPC_3), today, DEFAULTS, amoxicillin, paracetamol, insulin);
        assertEquals(ZoneCondition.CRITICAL, short1.condition());
        // Largest shortfall first: paracetamol 1 of 3, then insulin (missing) and amoxicillin 1 of 2, by GTIN.
        assertEquals(List.of(
                new StatusReason(Kind.BELOW_PAR, PARACETAMOL, List.of(), null, 3, 1),
                new StatusReason(Kind.BELOW_PAR, INSULIN, List.of(), null, 1, 0),
                new StatusReason(Kind.BELOW_PAR, AMOXICILLIN, List.of(), null, 2, 1)), short1.reasons());
    }

    @Test
    void parLevelsOfOtherDrugsAreNotMetByUnregisteredItems() {
        ZoneStatus status = evaluate(known("A1", EPC_1), LocalDate.of(2026, 6, 1), DEFAULTS,
                new ParLevel("A1", AMOXICILLIN, 1, 0));
        assertEquals(ZoneCondition.CRITICAL, status.condition());
        assertEquals(List.of(Kind.UNREGISTERED, Kind.BELOW_PAR), status.reasons().stream().map(StatusReason::kind).toList());
    }

    @Test
    void reasonsMostSevereFirstGroupedByDrugWithEarliestExpiry() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        catalog.item(EPC_1, AMOXICILLIN, today.plusDays(20))
                .item(EPC_2, AMOXICILLIN, today.plusDays(10))
                .item(EPC_3, PARACETAMOL, today.plusDays(3))
                .item(EPC_4, AMOXICILLIN, today.minusDays(2));
        ZoneStatus status = evaluate(known("A1", EPC_1, EPC_2, EPC_3, EPC_4, EPC_5), today, DEFAULTS,
                new ParLevel("A1", INSULIN, 2, 1));
        assertEquals(ZoneCondition.CRITICAL, status.condition());
        assertTrue(status.alarm());
        assertEquals(List.of(
                new StatusReason(Kind.UNREGISTERED, "", List.of(EPC_5), null, 0, 0),
                new StatusReason(Kind.EXPIRED, AMOXICILLIN, List.of(EPC_4), today.minusDays(2), 0, 0),
                new StatusReason(Kind.EXPIRED, PARACETAMOL, List.of(EPC_3), today.plusDays(3), 0, 0),
                new StatusReason(Kind.BELOW_PAR, INSULIN, List.of(), null, 2, 0),
                new StatusReason(Kind.EXPIRING, AMOXICILLIN, List.of(EPC_1, EPC_2), today.plusDays(10), 0, 0)),
                status.reasons());
    }
}
