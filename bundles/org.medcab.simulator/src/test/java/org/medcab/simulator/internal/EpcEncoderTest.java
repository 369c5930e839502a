package org.medcab.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The identifiers spec's test vectors (section 2.8). */
class EpcEncoderTest {
    @Test
    void sgtin96MatchesTdsAnnexE() {
        assertEquals("3074257BF7194E4000001A85", EpcEncoder.sgtin96(3, "0614141", "812345", 6789));
        assertEquals("3024698E2CB1005678901234", EpcEncoder.sgtin96(1, "14167401864", "01", 96_511_988_276L));
    }

    @Test
    void sgtin198MatchesTdsAnnexE() {
        assertEquals("3674257BF6B7A659B2C2BF100000000000000000000000000000",
                EpcEncoder.sgtin198(3, "0614141", "712345", "32a/b"));
    }

    @Test
    void chinaTraceCodeIsA128BitEpcWithoutHeader() {
        String epc = EpcEncoder.raw128TraceCode("81234567890123456789");
        assertEquals(32, epc.length());
        assertEquals("00", epc.substring(0, 2));
        assertEquals(new java.math.BigInteger("81234567890123456789"), new java.math.BigInteger(epc, 16));
    }

    @Test
    void impossibleCodesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EpcEncoder.sgtin96(1, "0614141", "81234", 1));
        assertThrows(IllegalArgumentException.class, () -> EpcEncoder.sgtin96(1, "0614141", "812345", 1L << 38));
        assertThrows(IllegalArgumentException.class, () -> EpcEncoder.sgtin96(8, "0614141", "812345", 1));
        assertThrows(IllegalArgumentException.class, () -> EpcEncoder.sgtin198(1, "0614141", "812345", "a b"));
        assertThrows(IllegalArgumentException.class, () -> EpcEncoder.raw128TraceCode("71234567890123456789"));
    }
}
