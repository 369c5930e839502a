package org.medcab.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GS1 element strings as a scanner sends them (identifiers spec §3). */
class PackLabelTest {

    private static final String GS = "\u001D";
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 14);
    private static final String WORKED_EXAMPLE = "]d2" + "0180614141123458" + "17270600" + "10A1B2C3" + GS + "216789";

    @Test
    void workedExampleOfTheSpec() {
        PackLabel label = label(WORKED_EXAMPLE);
        assertEquals("80614141123458", label.gtin());
        assertEquals(Optional.of(LocalDate.of(2027, 6, 30)), label.expiry());
        assertEquals(Optional.of("A1B2C3"), label.batch());
        assertEquals(Optional.of("6789"), label.serial());
        assertEquals(Optional.empty(), label.productionDate());
        Sgtin sgtin = Sgtin.fromGtin(label.gtin(), 7, 3, label.serial().orElseThrow());
        assertEquals("urn:epc:id:sgtin:0614141.812345.6789", sgtin.pureIdentityUri());
        assertEquals(Epc.decode(EpcDecodingTest.VECTOR_1), sgtin, "the same pack as vector 1");
        assertEquals(label, Identifiers.parse(WORKED_EXAMPLE, TODAY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"]d2", "]C1", "]Q3", ""})
    void symbologyIdentifierIsOptional(String symbology) {
        assertEquals(label(WORKED_EXAMPLE), label(symbology + WORKED_EXAMPLE.substring(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"]d1", "]E0", "]Q1", "]C0"})
    void symbologiesThatDoNotMarkGs1DataAreRefused(String symbology) {
        assertProblem(symbology + "0180614141123458", "symbology identifier '" + symbology + "'");
    }

    @Test
    void truncatedSymbologyIdentifierIsRefused() {
        assertProblem("]", "symbology identifier ']'");
        assertProblem("]d", "symbology identifier ']d'");
    }

    static Stream<Arguments> expiries() {
        return Stream.of(
                Arguments.of("160200", LocalDate.of(2016, 2, 29)),
                Arguments.of("170200", LocalDate.of(2017, 2, 28)),
                Arguments.of("000200", LocalDate.of(2000, 2, 29)),
                Arguments.of("270600", LocalDate.of(2027, 6, 30)),
                Arguments.of("271200", LocalDate.of(2027, 12, 31)),
                Arguments.of("270630", LocalDate.of(2027, 6, 30)),
                Arguments.of("240229", LocalDate.of(2024, 2, 29)),
                Arguments.of("270101", LocalDate.of(2027, 1, 1)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("expiries")
    void expiryDates(String yymmdd, LocalDate expiry) {
        assertEquals(Optional.of(expiry), label("]d20180614141123458" + "17" + yymmdd).expiry());
    }

    @Test
    void productionDateWithDay00IsTheFirstOfTheMonth() {
        PackLabel label = label("]d20180614141123458" + "11250300" + "17270600");
        assertEquals(Optional.of(LocalDate.of(2025, 3, 1)), label.productionDate());
        assertEquals(Optional.of(LocalDate.of(2025, 1, 15)), label("]d20180614141123458" + "11250115").productionDate());
    }

    static Stream<Arguments> centuries() {
        return Stream.of(
                Arguments.of(LocalDate.of(2025, 3, 14), "75", 2075),
                Arguments.of(LocalDate.of(2025, 3, 14), "76", 1976),
                Arguments.of(LocalDate.of(2025, 3, 14), "00", 2000),
                Arguments.of(LocalDate.of(2025, 3, 14), "99", 1999),
                Arguments.of(LocalDate.of(2060, 6, 1), "10", 2110),
                Arguments.of(LocalDate.of(2060, 6, 1), "11", 2011),
                Arguments.of(LocalDate.of(2099, 12, 31), "49", 2149),
                Arguments.of(LocalDate.of(2099, 12, 31), "50", 2050),
                Arguments.of(LocalDate.of(2000, 1, 1), "51", 1951),
                Arguments.of(LocalDate.of(2000, 1, 1), "50", 2050));
    }

    @ParameterizedTest(name = "today {0}, YY {1} -> {2}")
    @MethodSource("centuries")
    void centuryRule(LocalDate today, String yy, int year) {
        Identifier parsed = Identifiers.parseLabel("]d20180614141123458" + "17" + yy + "0101", today);
        assertEquals(Optional.of(LocalDate.of(year, 1, 1)), assertInstanceOf(PackLabel.class, parsed).expiry());
    }

    @Test
    void gsEndsABatchOrSerialThatIsNotLast() {
        PackLabel label = label("]d20180614141123458" + "216789" + GS + "10A1B2C3" + GS + "17270600");
        assertEquals(Optional.of("6789"), label.serial());
        assertEquals(Optional.of("A1B2C3"), label.batch());
        assertEquals(Optional.of(LocalDate.of(2027, 6, 30)), label.expiry());
    }

    @Test
    void aMissingGsSilentlyJoinsFieldsWhenTheResultIsStillValid() {
        // Why scanners must send GS: without it the serial becomes part of the batch.
        PackLabel label = label("]d20180614141123458" + "10A1B2C3" + "216789");
        assertEquals(Optional.of("A1B2C3216789"), label.batch());
        assertEquals(Optional.empty(), label.serial());
    }

    @Test
    void aMissingGsIsCaughtWhenTheFieldGrowsBeyond20Characters() {
        assertProblem("]d20180614141123458" + "10A1B2C3D4E5F6" + "2112345678", "AI 10 has 22 characters");
    }

    @Test
    void fixedLengthFieldsNeedNoGsAndARedundantOneIsSkipped() {
        PackLabel expected = label(WORKED_EXAMPLE);
        assertEquals(expected, label("]d20180614141123458" + GS + "17270600" + GS + "10A1B2C3" + GS + "216789"));
    }

    @Test
    void aGsAfterTheLastFieldIsHarmless() {
        assertEquals(label(WORKED_EXAMPLE), label(WORKED_EXAMPLE + GS));
    }

    @Test
    void aGsWhereAnAiIsExpectedIsRefused() {
        assertProblem("]d20180614141123458" + "10A1B2C3" + GS + GS + "216789", "GS at position 28");
        assertProblem("]d2" + GS + "0180614141123458", "GS at position 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"80614141123458", "12345678901231"})
    void gtinCheckDigitAccepted(String gtin) {
        assertEquals(gtin, label("]d201" + gtin).gtin());
    }

    @Test
    void gtinCheckDigitRejectedNamingTheAiAndTheRightDigit() {
        assertProblem("]d20112345678901232", "AI 01: check digit of GTIN 12345678901232 should be 1");
        assertProblem("]d20180614141123459" + "17270600", "AI 01: check digit");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("GTIN with a letter", "]d201806141411234X8", "AI 01 needs 14 digits"),
                Arguments.of("GTIN too short", "]d2018061414112345", "AI 01 needs 14 digits"),
                Arguments.of("expiry too short", "]d2018061414112345817270", "AI 17 needs 6 digits"),
                Arguments.of("expiry with a letter", "]d20180614141123458172706A0", "AI 17 needs 6 digits"),
                Arguments.of("month 13", "]d2018061414112345817271300", "AI 17: month 13"),
                Arguments.of("month 00", "]d2018061414112345817270015", "AI 17: month 00"),
                Arguments.of("31 June", "]d2018061414112345817270631", "AI 17: day 31 does not exist in 2027-06"),
                Arguments.of("29 February 2027", "]d2018061414112345817270229", "AI 17: day 29 does not exist in 2027-02"),
                Arguments.of("production 32 January", "]d2018061414112345811250132", "AI 11: day 32"),
                Arguments.of("unsupported AI", "]d20180614141123458" + "3103000250", "AI 31 at position 19"),
                Arguments.of("empty batch", "]d20180614141123458" + "10" + GS + "216789", "AI 10 is empty"),
                Arguments.of("empty serial at the end", "]d20180614141123458" + "21", "AI 21 is empty"),
                Arguments.of("batch with a space", "]d20180614141123458" + "10A1 B2", "AI 10: character ' ' at position 2"),
                Arguments.of("serial with #", "]d20180614141123458" + "21AB#1", "AI 21: character '#'"),
                Arguments.of("serial of 21 characters", "]d20180614141123458" + "21" + "A".repeat(21), "AI 21 has 21 characters"),
                Arguments.of("no GTIN", "]d210A1B2C3" + GS + "216789", "no GTIN (AI 01)"),
                Arguments.of("two batches", "]d20180614141123458" + "10A1" + GS + "10B2", "AI 10 appears twice"),
                Arguments.of("lone digit", "]d20180614141123458" + "1", "expected a two-digit AI at position 19"),
                Arguments.of("printed HRI", "(01)80614141123458", "expected a two-digit AI at position 0"),
                Arguments.of("nothing after symbology", "]d2", "no element string"),
                Arguments.of("empty", "", "no element string"),
                Arguments.of("trailing CR", WORKED_EXAMPLE + "\r", "AI 21: character '\\x0D'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedLabelsSayWhatIsWrong(String name, String scanned, String problem) {
        assertProblem(scanned, problem);
    }

    @Test
    void repeatingAnAiWithTheSameValueIsAccepted() {
        assertEquals(Optional.of("A1"), label("]d20180614141123458" + "10A1" + GS + "10A1").batch());
    }

    @Test
    void nullIsUnrecognisedNotAnException() {
        assertInstanceOf(Unrecognised.class, Identifiers.parseLabel(null, TODAY));
    }

    private static PackLabel label(String scanned) {
        Identifier parsed = Identifiers.parseLabel(scanned, TODAY);
        return assertInstanceOf(PackLabel.class, parsed, parsed::toString);
    }

    private static void assertProblem(String scanned, String problem) {
        Unrecognised unrecognised = assertInstanceOf(Unrecognised.class, Identifiers.parseLabel(scanned, TODAY));
        assertEquals(scanned, unrecognised.input());
        assertTrue(unrecognised.reason().contains(problem), unrecognised.reason());
    }
}
