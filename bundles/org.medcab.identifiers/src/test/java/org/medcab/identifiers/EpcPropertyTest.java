package org.medcab.identifiers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random SGTINs round-trip; random bytes and text never throw. Fixed seeds, so failures repeat. */
class EpcPropertyTest {

    private static final int CASES = 3000;
    private static final String CHARACTER_SET_82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void randomSgtin96RoundTrips() {
        Random random = new Random(96);
        for (int i = 0; i < CASES; i++) {
            int partition = random.nextInt(7);
            int prefixDigits = 12 - partition;
            long prefix = nextBelow(random, pow10(prefixDigits));
            long item = nextBelow(random, pow10(13 - prefixDigits));
            long serial = nextBelow(random, 1L << 38);
            int filter = random.nextInt(8);
            Sgtin sgtin = new Sgtin(SgtinScheme.SGTIN_96, filter, padded(prefix, prefixDigits),
                    padded(item, 13 - prefixDigits), Long.toString(serial));
            String hex = sgtin.hex();
            assertEquals(EpcBits.sgtin96(filter, partition, prefix, item, serial), hex, "encoder vs independent bits");
            assertEquals(sgtin, Epc.decode(hex), hex);
            assertEquals(sgtin, Epc.decode(sgtin.pc(), hex), hex);
            assertTrue(Gtin.isValid(sgtin.gtin()));
            assertEquals(sgtin, Sgtin.fromGtin(sgtin.gtin(), prefixDigits, filter, sgtin.serial()));
        }
    }

    @Test
    void randomSgtin198RoundTrips() {
        Random random = new Random(198);
        for (int i = 0; i < CASES; i++) {
            int partition = random.nextInt(7);
            int prefixDigits = 12 - partition;
            long prefix = nextBelow(random, pow10(prefixDigits));
            long item = nextBelow(random, pow10(13 - prefixDigits));
            StringBuilder serial = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int c = 0; c < length; c++) {
                serial.append(CHARACTER_SET_82.charAt(random.nextInt(CHARACTER_SET_82.length())));
            }
            int filter = random.nextInt(8);
            Sgtin sgtin = new Sgtin(SgtinScheme.SGTIN_198, filter, padded(prefix, prefixDigits),
                    padded(item, 13 - prefixDigits), serial.toString());
            String hex = sgtin.hex();
            assertEquals(EpcBits.sgtin198(filter, partition, prefix, item, serial.toString()), hex);
            assertEquals(sgtin, Epc.decode(hex), hex);
            assertEquals(sgtin, Epc.decode(hex.substring(0, 50)), "50-digit form");
            assertEquals(sgtin, Epc.decode(0x6800, hex));
            String uriStart = "urn:epc:id:sgtin:" + sgtin.companyPrefix() + "." + sgtin.itemReference() + ".";
            assertTrue(sgtin.pureIdentityUri().startsWith(uriStart));
            String uriSerial = sgtin.pureIdentityUri().substring(uriStart.length());
            assertFalse(uriSerial.matches(".*[\"&/<>?].*"), uriSerial);
            assertEquals(serial.toString(), unescape(uriSerial));
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 2 * CASES; i++) {
            int length = switch (random.nextInt(4)) {
                case 0 -> 12;
                case 1 -> 25 + random.nextInt(2);
                case 2 -> 16;
                default -> random.nextInt(40);
            };
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            if (length > 0 && random.nextInt(3) > 0) {
                // Most cases get an SGTIN header, so the field checks rather than the header check run.
                bytes[0] = (byte) (random.nextBoolean() ? 0x30 : 0x36);
            }
            String hex = HEX.formatHex(bytes);
            int pc = random.nextInt(0x10000);
            Epc epc = assertDoesNotThrow(() -> Epc.decode(hex), hex);
            assertNotNull(epc.uri());
            if (epc instanceof Sgtin sgtin) {
                assertEquals(sgtin, Epc.decode(sgtin.hex()), "a decoded SGTIN re-encodes to itself");
            } else {
                assertEquals(hex, epc.hex(), "a raw EPC keeps every bit");
            }
            assertNotNull(assertDoesNotThrow(() -> Epc.decode(pc, hex), hex));
            String odd = hex.isEmpty() ? "A" : hex.substring(1);
            assertNotNull(assertDoesNotThrow(() -> Epc.decode(odd), odd));
            assertNotNull(assertDoesNotThrow(() -> Identifiers.parse(hex, LocalDate.of(2025, 3, 14)), hex));
        }
    }

    @Test
    void randomTextNeverThrows() {
        String alphabet = "0123456789012345678901234567890123456789]dCQ2\u001D\u001DABCDEFabcdef!\"%&/<>? #\r\n\u00e9\u0663\uFF10";
        Random random = new Random(11);
        LocalDate today = LocalDate.of(2025, 3, 14);
        for (int i = 0; i < 2 * CASES; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? "]d2" : "01");
            }
            int length = random.nextInt(60);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            Identifier parsed = assertDoesNotThrow(() -> Identifiers.parse(input, today), input);
            assertNotNull(parsed);
            Identifier label = assertDoesNotThrow(() -> Identifiers.parseLabel(input, today), input);
            if (label instanceof PackLabel pack) {
                assertTrue(Gtin.isValid(pack.gtin()));
            }
            assertNotNull(assertDoesNotThrow(() -> Epc.decode(input), input));
        }
    }

    private static long nextBelow(Random random, long bound) {
        return (random.nextLong() & Long.MAX_VALUE) % bound;
    }

    private static long pow10(int n) {
        long value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }

    private static String padded(long value, int digits) {
        return String.format("%0" + digits + "d", value);
    }

    private static String unescape(String uriPart) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < uriPart.length(); i++) {
            if (uriPart.charAt(i) == '%') {
                out.append((char) Integer.parseInt(uriPart.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(uriPart.charAt(i));
            }
        }
        return out.toString();
    }
}
