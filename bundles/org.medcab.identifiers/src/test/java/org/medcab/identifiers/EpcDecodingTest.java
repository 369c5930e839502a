package org.medcab.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The test vectors of the identifiers spec §1-2 and the validity rules of TDS §14. */
class EpcDecodingTest {

    static final String VECTOR_1 = "3074257BF7194E4000001A85";
    static final String VECTOR_2 = "3674257BF6B7A659B2C2BF100000000000000000000000000000";
    static final String VECTOR_5 = "3024698E2CB1005678901234";
    static final String RAW_128 = "00000000000000047183115025D2A614";

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(VECTOR_1, SgtinScheme.SGTIN_96, 3, 5, "0614141", "812345", "80614141123458", "6789",
                        "urn:epc:id:sgtin:0614141.812345.6789"),
                Arguments.of(VECTOR_2, SgtinScheme.SGTIN_198, 3, 5, "0614141", "712345", "70614141123451", "32a/b",
                        "urn:epc:id:sgtin:0614141.712345.32a%2Fb"),
                Arguments.of(VECTOR_5, SgtinScheme.SGTIN_96, 1, 1, "14167401864", "01", "01416740186413", "96511988276",
                        "urn:epc:id:sgtin:14167401864.01.96511988276"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesSpecVectors(String hex, SgtinScheme scheme, int filter, int partition, String prefix, String itemReference,
                            String gtin, String serial, String uri) {
        Sgtin sgtin = assertInstanceOf(Sgtin.class, Epc.decode(hex));
        assertEquals(scheme, sgtin.scheme());
        assertEquals(filter, sgtin.filter());
        assertEquals(partition, sgtin.partition());
        assertEquals(prefix, sgtin.companyPrefix());
        assertEquals(itemReference, sgtin.itemReference());
        assertEquals(gtin, sgtin.gtin());
        assertEquals(serial, sgtin.serial());
        assertEquals(uri, sgtin.pureIdentityUri());
        assertEquals(uri, sgtin.uri());
        assertEquals("(01)" + gtin + "(21)" + serial, sgtin.elementString());
        assertEquals(scheme.bits(), sgtin.bits());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesSpecVectorsBackToTheirHex(String hex, SgtinScheme scheme, int filter, int partition, String prefix,
                                          String itemReference) {
        Sgtin sgtin = (Sgtin) Epc.decode(hex);
        assertEquals(hex, sgtin.hex());
        assertEquals(hex, new Sgtin(scheme, filter, prefix, itemReference, sgtin.serial()).hex());
    }

    @Test
    void tagUriOfVector1() {
        assertEquals("urn:epc:tag:sgtin-96:3.0614141.812345.6789", ((Sgtin) Epc.decode(VECTOR_1)).tagUri());
    }

    @Test
    void tagUriOfVector2EscapesTheSerial() {
        assertEquals("urn:epc:tag:sgtin-198:3.0614141.712345.32a%2Fb", ((Sgtin) Epc.decode(VECTOR_2)).tagUri());
    }

    @Test
    void sgtin198IsTheSameFrom50Or52HexDigits() {
        assertEquals(Epc.decode(VECTOR_2), Epc.decode(VECTOR_2.substring(0, 50)));
        assertEquals(VECTOR_2, Epc.decode(VECTOR_2.substring(0, 50)).hex(), "normalised to 13 words");
    }

    @Test
    void lowerCaseHexDecodesToTheSameSgtin() {
        assertEquals(Epc.decode(VECTOR_1), Epc.decode(VECTOR_1.toLowerCase()));
    }

    @Test
    void uriEscapesEveryReservedCharacterOfTheSerial() {
        Sgtin reserved = new Sgtin(SgtinScheme.SGTIN_198, 1, "0614141", "712345", "a\"%&/<>?b");
        assertEquals("urn:epc:id:sgtin:0614141.712345.a%22%25%26%2F%3C%3E%3Fb", reserved.pureIdentityUri());
        assertEquals(reserved, Epc.decode(reserved.hex()));
        Sgtin plain = new Sgtin(SgtinScheme.SGTIN_198, 1, "0614141", "712345", "!'()*+,-.:;=_Zz9");
        assertEquals("urn:epc:id:sgtin:0614141.712345.!'()*+,-.:;=_Zz9", plain.pureIdentityUri());
    }

    @Test
    void pcWordsOfTheSchemes() {
        assertEquals(0x3000, Epc.pcFor(96));
        assertEquals(0x4000, Epc.pcFor(128));
        assertEquals(0x6800, Epc.pcFor(198));
        assertEquals(0x3000, ((Sgtin) Epc.decode(VECTOR_1)).pc());
        assertEquals(0x6800, ((Sgtin) Epc.decode(VECTOR_2)).pc());
        assertThrows(IllegalArgumentException.class, () -> Epc.pcFor(497));
    }

    @Test
    void decodesWithThePcWord() {
        Epc vector1 = Epc.decode(VECTOR_1);
        assertEquals(vector1, Epc.decode(0x3000, VECTOR_1));
        assertEquals(vector1, Epc.decode(0x3400, VECTOR_1), "UMI set: masked, not compared");
        assertEquals(vector1, Epc.decode(0x3600, VECTOR_1), "UMI and XI set");
        assertEquals(Epc.decode(VECTOR_2), Epc.decode(0x6800, VECTOR_2));
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(0x4000, RAW_128));
        assertEquals(128, raw.bits());
        assertEquals("urn:epc:raw:128.x" + RAW_128, raw.uri());
    }

    @Test
    void pcThatDisagreesWithTheEpcKeepsItRaw() {
        RawEpc longer = assertInstanceOf(RawEpc.class, Epc.decode(0x4000, VECTOR_1));
        assertEquals(VECTOR_1, longer.hex());
        assertTrue(longer.reason().contains("announces 128 bits"), longer.reason());
        assertInstanceOf(RawEpc.class, Epc.decode(0x6800, VECTOR_2.substring(0, 50)));
    }

    @Test
    void toggleBitMeansNotAGs1Epc() {
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(0x3100 | 0xA2, VECTOR_1));
        assertTrue(raw.reason().contains("toggle"), raw.reason());
        assertTrue(raw.reason().contains("0xA2"), raw.reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000, Integer.MIN_VALUE})
    void pcOutsideSixteenBitsKeepsTheEpcRaw(int pc) {
        assertInstanceOf(RawEpc.class, Epc.decode(pc, VECTOR_1));
    }

    @Test
    void rawOneHundredTwentyEightBitEpcWithNoTdsHeader() {
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(RAW_128));
        assertEquals(128, raw.bits());
        assertEquals("urn:epc:raw:128.x00000000000000047183115025D2A614", raw.uri());
        assertTrue(raw.reason().contains("header 0x00"), raw.reason());
    }

    static Stream<Arguments> undecodable() {
        return Stream.of(
                Arguments.of("SGTIN-96 header, 128 bits", VECTOR_1 + "00000000", 128, "SGTIN-96 header on a 128-bit"),
                Arguments.of("SGTIN-198 header, 48 digits", VECTOR_2.substring(0, 48), 192, "SGTIN-198 header on a 192-bit"),
                Arguments.of("odd length", VECTOR_1.substring(0, 23), 92, "SGTIN-96 header on a 92-bit"),
                Arguments.of("three digits", "ABC", 12, "header 0xAB"),
                Arguments.of("one digit", "3", 4, "too short"),
                Arguments.of("empty", "", 0, "too short"),
                Arguments.of("SSCC-96", "3114257BF7194E4000001A85", 96, "header 0x31"),
                Arguments.of("unprogrammed", "000000000000000000000000", 96, "header 0x00"),
                Arguments.of("SGTIN+", "F714257BF7194E4000001A85", 96, "header 0xF7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodable")
    void undecodableEpcsStayRaw(String name, String hex, int bits, String reason) {
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(hex));
        assertEquals(hex, raw.hex());
        assertEquals(bits, raw.bits());
        assertTrue(raw.reason().contains(reason), raw.reason());
        assertEquals(bits == 0 ? "urn:epc:raw:0" : "urn:epc:raw:" + bits + ".x" + hex, raw.uri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3074257BF7194E4000001A8G", "30 74257BF7194E4000001A8", "０３", "0x3074257BF7194E4000001A85"})
    void nonHexInputIsRawWithNoBitsAndSaysWhy(String text) {
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(text));
        assertEquals(0, raw.bits());
        assertEquals("", raw.hex());
        assertEquals("urn:epc:raw:0", raw.uri());
        assertTrue(raw.reason().startsWith("not hexadecimal"), raw.reason());
        assertInstanceOf(RawEpc.class, Epc.decode(0x3000, text));
    }

    @Test
    void nullIsRawToo() {
        assertInstanceOf(RawEpc.class, Epc.decode(null));
        assertInstanceOf(RawEpc.class, Epc.decode(0x3000, null));
    }

    @Test
    void partition7IsRejected() {
        String hex = EpcBits.sgtin96(3, 7, 1, 1, 6789);
        assertReason(hex, "partition 7");
        assertReason(EpcBits.sgtin198(3, 7, 1, 1, "AB"), "partition 7");
    }

    @Test
    void everyFilterValueIsAcceptedReservedOnesToo() {
        for (int filter = 0; filter <= 7; filter++) {
            Sgtin sgtin = assertInstanceOf(Sgtin.class, Epc.decode(EpcBits.sgtin96(filter, 5, 614141, 812345, 6789)));
            assertEquals(filter, sgtin.filter());
            assertEquals("urn:epc:id:sgtin:0614141.812345.6789", sgtin.pureIdentityUri(), "filter is not identity");
        }
    }

    static Stream<Arguments> partitions() {
        return Stream.of(0, 1, 2, 3, 4, 5, 6).map(p -> Arguments.of(p, 12 - p));
    }

    @ParameterizedTest(name = "partition {0}")
    @MethodSource("partitions")
    void largestFieldsOfEachPartitionDecode(int partition, int prefixDigits) {
        long prefix = pow10(prefixDigits) - 1;
        long item = pow10(13 - prefixDigits) - 1;
        Sgtin sgtin = assertInstanceOf(Sgtin.class, Epc.decode(EpcBits.sgtin96(0, partition, prefix, item, 1)));
        assertEquals(Long.toString(prefix), sgtin.companyPrefix());
        assertEquals(Long.toString(item), sgtin.itemReference());
        assertEquals(partition, sgtin.partition());
    }

    @ParameterizedTest(name = "partition {0}")
    @MethodSource("partitions")
    void smallestFieldsOfEachPartitionKeepTheirZeros(int partition, int prefixDigits) {
        Sgtin sgtin = assertInstanceOf(Sgtin.class, Epc.decode(EpcBits.sgtin96(0, partition, 0, 0, 0)));
        assertEquals("0".repeat(prefixDigits), sgtin.companyPrefix());
        assertEquals("0".repeat(13 - prefixDigits), sgtin.itemReference());
        assertEquals("0", sgtin.serial());
        assertEquals("0".repeat(13) + "0", sgtin.gtin());
    }

    @ParameterizedTest(name = "partition {0}")
    @MethodSource("partitions")
    void companyPrefixOverflowIsRejected(int partition, int prefixDigits) {
        assertReason(EpcBits.sgtin96(0, partition, pow10(prefixDigits), 0, 1), "company prefix");
        assertReason(EpcBits.sgtin198(0, partition, pow10(prefixDigits), 0, "A"), "company prefix");
    }

    @ParameterizedTest(name = "partition {0}")
    @MethodSource("partitions")
    void itemReferenceOverflowIsRejected(int partition, int prefixDigits) {
        assertReason(EpcBits.sgtin96(0, partition, 0, pow10(13 - prefixDigits), 1), "item reference");
        assertReason(EpcBits.sgtin198(0, partition, 0, pow10(13 - prefixDigits), "A"), "item reference");
    }

    @ParameterizedTest
    @ValueSource(chars = {' ', '#', '$', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~', 0x7F, 0x01})
    void sgtin198CharacterOutsideTheSetIsRejected(char c) {
        assertReason(EpcBits.sgtin198(3, 5, 614141, 712345, "32" + c + "b"), "82-character set");
    }

    @Test
    void sgtin198NonZeroGroupAfterAZeroGroupIsRejected() {
        assertReason(EpcBits.sgtin198(3, 5, 614141, 712345, "AB\0C"), "after the end of the serial");
        assertReason(EpcBits.sgtin198(3, 5, 614141, 712345, "A" + "\0".repeat(18) + "Z"), "after the end of the serial");
    }

    @Test
    void sgtin198AllZeroFirstGroupIsRejected() {
        assertReason(EpcBits.sgtin198(3, 5, 614141, 712345, ""), "empty");
        assertReason(EpcBits.sgtin198(3, 5, 614141, 712345, "\0A"), "empty");
    }

    @Test
    void sgtin198NonZeroPaddingIsRejected() {
        String padded = VECTOR_2.substring(0, 51) + "1";
        assertReason(padded, "padding");
        assertReason(VECTOR_2.substring(0, 49) + "1", "padding");
    }

    @Test
    void serialOfTwentyCharactersFillsEveryGroup() {
        Sgtin sgtin = new Sgtin(SgtinScheme.SGTIN_198, 7, "061414112345", "0", "ABCDEFGHIJKLMNOPQRST");
        assertEquals(sgtin, Epc.decode(sgtin.hex()));
        assertEquals(EpcBits.sgtin198(7, 0, 61414112345L, 0, "ABCDEFGHIJKLMNOPQRST"), sgtin.hex());
    }

    @Test
    void sgtin96TakesOnlyCanonicalNumbersBelow2To38() {
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "0123"));
        assertThrows(IllegalArgumentException.class,
                () -> new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "1123456789012"));
        assertThrows(IllegalArgumentException.class,
                () -> new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "274877906944"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "A1"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", ""));
        assertEquals("274877906943", new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "274877906943").serial());
        assertEquals("0", new Sgtin(SgtinScheme.SGTIN_96, 3, "0614141", "812345", "0").serial());
    }

    @Test
    void serialsSgtin96CannotHoldNeedSgtin198() {
        String gtin = "80614141123458";
        assertEquals(SgtinScheme.SGTIN_198, Sgtin.fromGtin(gtin, 7, 3, "0123").scheme());
        assertEquals(SgtinScheme.SGTIN_198, Sgtin.fromGtin(gtin, 7, 3, "1123456789012").scheme());
        assertEquals(SgtinScheme.SGTIN_198, Sgtin.fromGtin(gtin, 7, 3, "274877906944").scheme());
        assertEquals(SgtinScheme.SGTIN_198, Sgtin.fromGtin(gtin, 7, 3, "32a/b").scheme());
        assertEquals(SgtinScheme.SGTIN_96, Sgtin.fromGtin(gtin, 7, 3, "274877906943").scheme());
        Sgtin leadingZero = Sgtin.fromGtin(gtin, 7, 3, "0123");
        assertEquals(leadingZero, Epc.decode(leadingZero.hex()));
        assertEquals("urn:epc:id:sgtin:0614141.812345.0123", leadingZero.pureIdentityUri());
    }

    @Test
    void fromGtinRebuildsVector1() {
        assertEquals(Epc.decode(VECTOR_1), Sgtin.fromGtin("80614141123458", 7, 3, "6789"));
        assertEquals(Epc.decode(VECTOR_5), Sgtin.fromGtin("01416740186413", 11, 1, "96511988276"));
    }

    @Test
    void invalidFieldsAreRefusedByTheConstructor() {
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 8, "0614141", "812345", "1"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 0, "06141", "81234567", "1"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 0, "0614141", "81234", "1"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_96, 0, "061414a", "812345", "1"));
        assertThrows(IllegalArgumentException.class,
                () -> new Sgtin(SgtinScheme.SGTIN_198, 0, "0614141", "812345", "ABCDEFGHIJKLMNOPQRSTU"));
        assertThrows(IllegalArgumentException.class, () -> new Sgtin(SgtinScheme.SGTIN_198, 0, "0614141", "812345", "a b"));
        assertThrows(IllegalArgumentException.class, () -> Sgtin.fromGtin("80614141123459", 7, 3, "1"));
        assertThrows(IllegalArgumentException.class, () -> Sgtin.fromGtin("80614141123458", 5, 3, "1"));
    }

    private static void assertReason(String hex, String reason) {
        RawEpc raw = assertInstanceOf(RawEpc.class, Epc.decode(hex), hex);
        assertEquals(hex, raw.hex());
        assertTrue(raw.reason().contains(reason), raw.reason());
    }

    private static long pow10(int n) {
        long value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }
}
