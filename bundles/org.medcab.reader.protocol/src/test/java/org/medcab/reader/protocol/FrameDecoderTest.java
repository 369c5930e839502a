package org.medcab.reader.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final Frame TAG = TagRecord.of(45, 0, Hex.bytes("E2003098881900722140369E"), 0x5B)
            .toFrame(1, Command.REAL_TIME_INVENTORY);
    private static final Frame SUMMARY = new InventorySummary(0, 42, 100).toFrame(1, Command.REAL_TIME_INVENTORY);
    /** A 62-byte EPC, the longest a PC can announce: Len 69. */
    private static final Frame LONG_TAG = TagRecord.of(7, 2, epc(62, 0x11), 0x40).toFrame(1, Command.SESSION_INVENTORY);

    private static byte[] epc(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 37 * i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<Frame> sampleStream() {
        List<Frame> frames = new ArrayList<>();
        frames.add(Requests.sessionInventory(1, 1, 0, 4));
        for (int i = 0; i < 20; i++) {
            frames.add(TagRecord.of(i % 60, i % 8, epc(2 * (i % 32), i), 40 + i).toFrame(1, Command.SESSION_INVENTORY));
        }
        frames.add(LONG_TAG);
        frames.add(new Frame(3, 0x72, (byte) 1, (byte) 8));
        frames.add(new Frame(1, 0x10));
        frames.add(SUMMARY);
        return frames;
    }

    private static byte[] wire(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.encode()));
        return out.toByteArray();
    }

    @Test
    void byteByByte() {
        List<Frame> frames = sampleStream();
        byte[] bytes = wire(frames);
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> got = new ArrayList<>();
        for (byte b : bytes) {
            got.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(frames, got);
        assertEquals(new DecoderCounters(frames.size(), 0, 0, 0, 0), decoder.counters());
        assertEquals(0, decoder.pending());
    }

    @Test
    void randomSplits() {
        List<Frame> frames = sampleStream();
        byte[] bytes = wire(frames);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> got = new ArrayList<>();
            int i = 0;
            while (i < bytes.length) {
                int n = Math.min(bytes.length - i, 1 + random.nextInt(run % 2 == 0 ? 8 : 600));
                got.addAll(decoder.feed(bytes, i, n));
                i += n;
            }
            assertEquals(frames, got, "run " + run);
            assertEquals(frames.size(), decoder.counters().frames());
        }
    }

    @Test
    void whole1kChunkIncludingMaximumFrame() {
        Frame max = new Frame(1, 0x89, new byte[Frame.MAX_DATA]);
        assertEquals(257, max.wireLength());
        byte[] bytes = concat(max.encode(), max.encode(), max.encode(), max.encode(), SUMMARY.encode());
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(max, max, max, max, SUMMARY), decoder.feed(bytes));
    }

    @Test
    void garbageBeforeAndBetweenFrames() {
        byte[] noise = Hex.bytes("00 FF 13 37 55");
        byte[] bytes = concat(noise, TAG.encode(), noise, noise, SUMMARY.encode(), noise);
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(TAG, SUMMARY), decoder.feed(bytes));
        assertEquals(new DecoderCounters(2, 4 * noise.length, 0, 0, 0), decoder.counters());
    }

    @Test
    void garbageWithFalseFrameStartsCostsNoGoodFrame() {
        // A0 with a plausible Len and a wrong check byte, right before a good frame.
        byte[] bytes = concat(Hex.bytes("A0 04 01 89 01 00"), TAG.encode(), Hex.bytes("A0 03 07"), SUMMARY.encode());
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(TAG, SUMMARY), decoder.feed(bytes));
        DecoderCounters c = decoder.counters();
        assertEquals(2, c.frames());
        assertTrue(c.checksumErrors() >= 2, c.toString());
        assertEquals(9, c.discardedBytes());
    }

    @Test
    void headByteInsideDataIsNotAFrameStart() {
        // EPC full of A0 and of bytes that look like a Len.
        Frame tricky = TagRecord.of(3, 1, Hex.bytes("A0 03 01 72 EA A0 04 A0 A0 A0 00 A0"), 0x50)
                .toFrame(1, Command.REAL_TIME_INVENTORY);
        byte[] bytes = concat(tricky.encode(), tricky.encode(), SUMMARY.encode());
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> got = new ArrayList<>();
        for (byte b : bytes) {
            got.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(List.of(tricky, tricky, SUMMARY), got);
        assertEquals(new DecoderCounters(3, 0, 0, 0, 0), decoder.counters());
    }

    @Test
    void truncatedFrameFollowedByGoodFrameWithoutLineIdle() {
        // The first 10 of 21 bytes: 11 missing, the summary's 12 bytes complete the claimed length,
        // the checksum fails and the decoder finds the summary inside.
        byte[] bytes = concat(Arrays.copyOf(TAG.encode(), 10), SUMMARY.encode());
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(SUMMARY), decoder.feed(bytes));
        assertEquals(1, decoder.counters().checksumErrors());
        assertEquals(10, decoder.counters().discardedBytes());
        assertEquals(0, decoder.pending());
    }

    @Test
    void truncatedLongFrameHidesTheSummaryUntilTheLineGoesIdle() {
        // Len 69 promises 71 bytes; 10 arrive, then the 12-byte summary: still short of the promise.
        byte[] bytes = concat(Arrays.copyOf(LONG_TAG.encode(), 10), SUMMARY.encode());
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(), decoder.feed(bytes));
        assertEquals(22, decoder.pending());

        assertEquals(List.of(SUMMARY), decoder.idle());
        assertEquals(0, decoder.pending());
        DecoderCounters c = decoder.counters();
        assertEquals(1, c.truncatedFrames());
        assertEquals(1, c.frames());
        assertEquals(10, c.discardedBytes());
    }

    @Test
    void lineIdleHandsRecoveredFramesToTheNextFeed() {
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(concat(Arrays.copyOf(LONG_TAG.encode(), 10), SUMMARY.encode()));
        decoder.lineIdle();
        assertEquals(1, decoder.counters().truncatedFrames());
        assertEquals(List.of(SUMMARY, TAG), decoder.feed(TAG.encode()));
    }

    @Test
    void truncatedFrameThenIdleThenGoodFrame() {
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(), decoder.feed(Arrays.copyOf(TAG.encode(), 15)));
        decoder.lineIdle();
        assertEquals(0, decoder.pending());
        assertEquals(List.of(SUMMARY), decoder.feed(SUMMARY.encode()));
        assertEquals(new DecoderCounters(1, 15, 0, 0, 1), decoder.counters());
    }

    @Test
    void idleWithNothingPendingCountsNothing() {
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(TAG.encode());
        assertEquals(List.of(), decoder.idle());
        assertEquals(new DecoderCounters(1, 0, 0, 0, 0), decoder.counters());
    }

    @Test
    void truncatedGoodTruncatedCountsTwoTruncatedFrames() {
        byte[] bytes = concat(Arrays.copyOf(LONG_TAG.encode(), 8), SUMMARY.encode(), Arrays.copyOf(LONG_TAG.encode(), 5));
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(), decoder.feed(bytes));
        assertEquals(List.of(SUMMARY), decoder.idle());
        assertEquals(2, decoder.counters().truncatedFrames());
        assertEquals(13, decoder.counters().discardedBytes());
    }

    @Test
    void badChecksumIsCountedAndTheNextFrameDecodes() {
        byte[] bad = TAG.encode();
        bad[bad.length - 1] ^= 0x01;
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(SUMMARY), decoder.feed(concat(bad, SUMMARY.encode())));
        assertEquals(new DecoderCounters(1, bad.length, 1, 0, 0), decoder.counters());
    }

    @Test
    void damagedDataByteIsACheckumError() {
        byte[] bad = LONG_TAG.encode();
        bad[30] ^= 0x40;
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(TAG), decoder.feed(concat(bad, TAG.encode())));
        assertEquals(1, decoder.counters().checksumErrors());
    }

    @Test
    void lenBelowThreeIsABadLength() {
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(TAG), decoder.feed(concat(Hex.bytes("A0 00 A0 01 A0 02"), TAG.encode())));
        assertEquals(new DecoderCounters(1, 6, 0, 3, 0), decoder.counters());
    }

    @Test
    void lenThreeIsAFrameWithoutData() {
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> frames = decoder.feed(Hex.bytes("A0 03 01 72 EA"));
        assertEquals(List.of(new Frame(1, 0x72)), frames);
        assertEquals(0, frames.get(0).dataLength());
    }

    @Test
    void everyKindOfDamageIsCountedInOneStream() {
        byte[] badCheck = SUMMARY.encode();
        badCheck[badCheck.length - 1] ^= 0x7F;
        byte[] bytes = concat(Hex.bytes("11 22"), TAG.encode(), Hex.bytes("A0 01"), badCheck, SUMMARY.encode(),
                Arrays.copyOf(TAG.encode(), 6));
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(TAG, SUMMARY), decoder.feed(bytes));
        assertEquals(List.of(), decoder.idle());
        // discarded: 2 noise + 2 bad Len + 12 bad checksum + 6 truncated
        assertEquals(new DecoderCounters(2, 22, 1, 1, 1), decoder.counters());
    }

    @Test
    void longestEpcFrameHasLen69() throws Exception {
        byte[] wire = LONG_TAG.encode();
        assertEquals(69, wire[1] & 0xFF);
        assertEquals(71, wire.length);
        List<Frame> frames = new FrameDecoder().feed(wire);
        TagRecord t = assertInstanceOf(TagRecord.class, InventoryReply.decode(frames.get(0), false));
        assertEquals(62, t.epc().length);
        assertEquals(31, t.pcEpcWords());
        assertTrue(t.epcLengthMatchesPc());
        assertArrayEquals(epc(62, 0x11), t.epc());
    }

    @Test
    void phaseBytesFollowRssi() throws Exception {
        TagRecord withPhase = new TagRecord(10, 3, TagRecord.pcFor(12), Hex.bytes("300833B2DDD9014000000001"), 0x55,
                OptionalInt.of(0xBEEF));
        Frame f = withPhase.toFrame(1, Command.SESSION_INVENTORY);
        assertEquals(4 + 12 + 2, f.dataLength());
        Frame decoded = new FrameDecoder().feed(f.encode()).get(0);
        TagRecord t = assertInstanceOf(TagRecord.class, InventoryReply.decode(decoded, true));
        assertEquals(withPhase, t);
        assertEquals(OptionalInt.of(0xBEEF), t.phase());
        assertEquals(0x55, t.rssiRaw());
        assertTrue(t.epcLengthMatchesPc());

        // Read as if phase was off, the phase bytes land in the EPC and the PC check flags it.
        TagRecord misread = assertInstanceOf(TagRecord.class, InventoryReply.decode(decoded, false));
        assertEquals(14, misread.epc().length);
        assertFalse(misread.epcLengthMatchesPc());
    }

    @Test
    void eightPortAntennaBitAddsFour() throws Exception {
        for (int antenna = 0; antenna < 8; antenna++) {
            Frame f = TagRecord.of(20, antenna, Hex.bytes("11223344"), 0x62).toFrame(1, Command.REAL_TIME_INVENTORY);
            assertEquals(antenna & 3, f.dataAt(0) & 3);
            assertEquals(antenna >= 4 ? 0x80 : 0, f.dataAt(7) & 0x80);
            assertEquals(0x62, f.dataAt(7) & 0x7F);
            TagRecord t = (TagRecord) InventoryReply.decode(new FrameDecoder().feed(f.encode()).get(0), false);
            assertEquals(antenna, t.antenna());
            assertEquals(0x62, t.rssiRaw());
            assertEquals(-31, t.rssiDbm());
        }
        // Hand-made: FreqAnt 0x51 = index 20, ports bit 1; RSSI 0xE2 = bit 7 + level 0x62 -> antenna 5.
        TagRecord t = (TagRecord) InventoryReply.decode(new Frame(1, 0x89, Hex.bytes("51 1000 ABCD E2")), false);
        assertEquals(5, t.antenna());
        assertEquals(20, t.frequencyIndex());
        assertEquals(0x62, t.rssiRaw());
    }

    @Test
    void noisyStreamLosesOnlyDamagedFrames() {
        Random random = new Random(7);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            frames.add(TagRecord.of(random.nextInt(60), random.nextInt(4), epc(12, random.nextInt()), 31 + random.nextInt(68))
                    .toFrame(1, Command.SESSION_INVENTORY));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Frame> undamaged = new ArrayList<>();
        for (Frame f : frames) {
            byte[] b = f.encode();
            int fault = random.nextInt(10);
            if (fault == 0) {
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            } else if (fault == 1) {
                b = Arrays.copyOf(b, random.nextInt(b.length));
            } else if (fault == 2) {
                out.write(0xA0);
                out.write(random.nextInt(256));
                undamaged.add(f);
            } else {
                undamaged.add(f);
            }
            out.writeBytes(b);
        }
        byte[] bytes = out.toByteArray();
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> got = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(40));
            got.addAll(decoder.feed(bytes, i, n));
            i += n;
        }
        got.addAll(decoder.idle());
        assertEquals(undamaged, got);
        DecoderCounters c = decoder.counters();
        assertEquals(undamaged.size(), c.frames());
        assertTrue(c.checksumErrors() > 0 && c.discardedBytes() > 0, c.toString());
    }
}
