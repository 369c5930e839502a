package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class InventoryReplyTest {

    @Test
    void fastSwitchSummaryIsThreePlusFourBytes() throws Exception {
        FastSwitchSummary s = new FastSwitchSummary(0x123456, 0x89ABCDEFL);
        Frame f = s.toFrame(1);
        assertEquals(new Frame(1, 0x8A, Hex.bytes("123456 89ABCDEF")), f);
        assertEquals(s, InventoryReply.decode(f, false));
        assertTrue(s.endsCommand());
    }

    @Test
    void sessionInventorySummaryAndTagRecords() throws Exception {
        InventorySummary s = new InventorySummary(3, 0xFFFF, 0xFFFF_FFFFL);
        assertEquals(s, InventoryReply.decode(s.toFrame(9, Command.SESSION_INVENTORY), false));
        TagRecord t = TagRecord.of(59, 3, Hex.bytes("ABCD"), 0x1F);
        assertEquals(t, InventoryReply.decode(t.toFrame(9, Command.SESSION_INVENTORY), false));
        assertEquals(t, InventoryReply.decode(t.toFrame(9, Command.FAST_SWITCH_INVENTORY), false));
        assertEquals(-98, t.rssiDbm());
    }

    @Test
    void epcLengthComesFromTheFrameAndAMismatchIsFlagged() throws Exception {
        // PC says 6 words (12 bytes), the frame carries 4 bytes.
        TagRecord t = assertInstanceOf(TagRecord.class, InventoryReply.decode(new Frame(1, 0x89, Hex.bytes("08 3000 11223344 50")), false));
        assertEquals("11223344", t.epcHex());
        assertEquals(6, t.pcEpcWords());
        assertFalse(t.epcLengthMatchesPc());
        // An empty EPC is a record too (PC 0).
        TagRecord empty = assertInstanceOf(TagRecord.class, InventoryReply.decode(new Frame(1, 0x89, Hex.bytes("08 0000 50")), false));
        assertEquals("", empty.epcHex());
        assertTrue(empty.epcLengthMatchesPc());
    }

    @Test
    void shapesThatFitNoReplyAreMalformed() {
        for (String data : new String[] {"", "01 02", "01 02 03", "01 02 03 04 05", "01 02 03 04 05 06 07 08 09"}) {
            assertThrows(MalformedFrameException.class, () -> InventoryReply.decode(new Frame(1, 0x89, Hex.bytes(data)), false), data);
        }
        assertThrows(MalformedFrameException.class, () -> InventoryReply.decode(new Frame(1, 0x8B, Hex.bytes("08 0000 50")), true));
        assertThrows(MalformedFrameException.class, () -> InventoryReply.decode(new Frame(1, 0x74, (byte) 0x10), false));
        // Two data bytes are an antenna error only for 0x8A.
        assertThrows(MalformedFrameException.class, () -> InventoryReply.decode(new Frame(1, 0x8B, Hex.bytes("01 22")), false));
    }

    @Test
    void unknownErrorInAStreamStillEndsTheCommand() throws Exception {
        ErrorReply e = assertInstanceOf(ErrorReply.class, InventoryReply.decode(new Frame(1, 0x8B, (byte) 0xC7), false));
        assertEquals("unknown 0xC7", e.error().meaning());
        assertTrue(e.endsCommand());
    }

    @Test
    void tagRecordArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TagRecord.of(64, 0, new byte[12], 50));
        assertThrows(IllegalArgumentException.class, () -> TagRecord.of(1, 8, new byte[12], 50));
        assertThrows(IllegalArgumentException.class, () -> TagRecord.of(1, 0, new byte[12], 128));
        assertThrows(IllegalArgumentException.class, () -> new TagRecord(1, 0, 0x3000, new byte[3], 50, OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> TagRecord.of(1, 0, new byte[12], 50).toFrame(1, Command.GET_BUFFER));
        assertThrows(IllegalArgumentException.class, () -> new InventorySummary(0, 0, 0).toFrame(1, Command.FAST_SWITCH_INVENTORY));
    }

    @Test
    void epcIsCopiedInAndOut() {
        byte[] epc = Hex.bytes("11223344");
        TagRecord t = TagRecord.of(1, 0, epc, 50);
        epc[0] = 0;
        t.epc()[1] = 0;
        assertEquals("11223344", t.epcHex());
    }
}
