package org.medcab.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification of input from any source, drug traceability codes, GTIN check digits. */
class IdentifiersTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 14);

    @Test
    void epcHexBecomesSgtinOrRaw() {
        assertEquals(Epc.decode(EpcDecodingTest.VECTOR_1), parse(EpcDecodingTest.VECTOR_1));
        assertInstanceOf(Sgtin.class, parse(EpcDecodingTest.VECTOR_2));
        assertInstanceOf(Sgtin.class, parse(EpcDecodingTest.VECTOR_5));
        assertEquals(128, assertInstanceOf(RawEpc.class, parse(EpcDecodingTest.RAW_128)).bits());
    }

    @Test
    void scannedLabelBecomesPackLabel() {
        PackLabel label = assertInstanceOf(PackLabel.class, parse("]d20180614141123458" + "17270600" + "10A1B2C3"));
        assertEquals(Optional.of("A1B2C3"), label.batch());
    }

    @Test
    void labelWithoutSymbologyButWithGsIsALabel() {
        assertInstanceOf(PackLabel.class, parse("0180614141123458" + "10A1B2C3" + "\u001D" + "216789"));
    }

    @Test
    void digitsThatFormAValidElementStringAreALabelNotARawEpc() {
        // 16 digits are also 64 bits of hex; a valid GTIN with its AI is the likelier reading.
        PackLabel label = assertInstanceOf(PackLabel.class, parse("0180614141123458"));
        assertEquals("80614141123458", label.gtin());
        assertInstanceOf(PackLabel.class, parse("018061414112345817270600"));
    }

    @Test
    void traceCodeIsRecognisedWithItsProductKeyAndNothingMore() {
        TraceCode code = assertInstanceOf(TraceCode.class, parse("81234567890123456789"));
        assertEquals("81234567890123456789", code.code());
        assertEquals("8123456", code.productKey());
        // Batch and expiry come from the code's registration data, never from its digits.
        assertEquals(1, TraceCode.class.getRecordComponents().length);
        assertFalse(Arrays.stream(TraceCode.class.getMethods())
                .anyMatch(m -> m.getName().matches("(?i).*(batch|lot|expir).*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8123456789012345678", "812345678901234567890", "71234567890123456789",
            "8123456789012345678A", "８1234567890123456789", " 81234567890123456789"})
    void notTraceCodes(String text) {
        assertFalse(TraceCode.isTraceCode(text));
        assertFalse(parse(text) instanceof TraceCode, text);
        assertThrows(IllegalArgumentException.class, () -> new TraceCode(text));
    }

    @Test
    void twentyDigitsNotStartingWith8AreRawEpcBits() {
        // Not a 码上放心 code and not a label: as hexadecimal in whole words it can only be a raw EPC.
        RawEpc raw = assertInstanceOf(RawEpc.class, parse("71234567890123456789"));
        assertEquals(80, raw.bits());
    }

    @Test
    void digitsThatAreNeitherLabelNorWholeWordsKeepTheLabelProblem() {
        Unrecognised unrecognised = assertInstanceOf(Unrecognised.class, parse("018061414112345"));
        assertTrue(unrecognised.reason().contains("AI 01 needs 14 digits"), unrecognised.reason());
        Unrecognised nineteen = assertInstanceOf(Unrecognised.class, parse("8123456789012345678"));
        assertTrue(nineteen.reason().contains("AI 81"), nineteen.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "ABC", "(01)80614141123458(21)6789", "urn:epc:id:sgtin:0614141.812345.6789", "３０"})
    void anythingElseIsUnrecognisedWithAReason(String text) {
        Unrecognised unrecognised = assertInstanceOf(Unrecognised.class, parse(text));
        assertEquals(text, unrecognised.input());
        assertTrue(unrecognised.reason().contains("neither an EPC"), unrecognised.reason());
    }

    @Test
    void emptyAndNullAreUnrecognised() {
        assertEquals(new Unrecognised("", "empty input"), parse(""));
        assertEquals(new Unrecognised("", "empty input"), parse(null));
    }

    @Test
    void malformedLabelIsUnrecognisedNamingTheAi() {
        Unrecognised unrecognised = assertInstanceOf(Unrecognised.class, parse("]d20180614141123458" + "17271301"));
        assertTrue(unrecognised.reason().startsWith("AI 17: month 13"), unrecognised.reason());
    }

    @Test
    void reasonsQuoteLongOrControlInputOnOneShortLine() {
        String garbage = "\u0000\u0001zz".repeat(100);
        Unrecognised unrecognised = assertInstanceOf(Unrecognised.class, parse(garbage));
        assertFalse(unrecognised.reason().chars().anyMatch(c -> c < 0x20), unrecognised.reason());
        assertTrue(unrecognised.reason().length() < 400, unrecognised.reason());
        assertTrue(unrecognised.reason().contains("(400 characters)"), unrecognised.reason());
    }

    @Test
    void gtinCheckDigits() {
        assertEquals(8, Gtin.checkDigit("8061414112345"));
        assertTrue(Gtin.isValid("80614141123458"));
        assertTrue(Gtin.isValid("12345678901231"));
        assertFalse(Gtin.isValid("12345678901232"));
        assertFalse(Gtin.isValid("1234567890123"));
        assertFalse(Gtin.isValid("1234567890123X"));
        assertFalse(Gtin.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> Gtin.checkDigit(""));
        assertThrows(IllegalArgumentException.class, () -> Gtin.checkDigit("12a"));
    }

    private static Identifier parse(String input) {
        return Identifiers.parse(input, TODAY);
    }
}
