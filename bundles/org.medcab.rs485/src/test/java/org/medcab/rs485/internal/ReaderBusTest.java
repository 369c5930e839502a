package org.medcab.rs485.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.FirmwareVersion;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.InventoryReply;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Requests;

/** The request/reply state machine of the bus, over an in-memory line. */
class ReaderBusTest {
    private static final int TIMEOUT = 100;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private BusSettings settings(int retries) {
        return new BusSettings("bus1", "memory", 115200, TIMEOUT, retries, 50);
    }

    /** A bus on a memory link with test readers on the far end. */
    private ReaderBus bus(int retries, MemoryLink link, TestReader... readers) {
        FarEnd far = new FarEnd(link.farEnd(), readers);
        ReaderBus bus = new ReaderBus(settings(retries), link::busEnd);
        toClose.add(bus);
        toClose.add(far);
        awaitTrue(bus::isOpen, "bus opens");
        return bus;
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void requestGetsItsReply() throws Exception {
        TestReader reader = new TestReader(1);
        ReaderBus bus = bus(2, new MemoryLink(10), reader);
        ReaderStats stats = new ReaderStats();
        Frame reply = bus.request(Requests.getFirmwareVersion(1), stats);
        assertEquals(new FirmwareVersion(1, 8), Replies.parseFirmwareVersion(reply));
        assertEquals(1, stats.frames());
        assertEquals(0, stats.timeouts());
        assertNotNull(stats.lastSeen());
        assertEquals(1, bus.generation());
    }

    @Test
    void framesFromOtherAddressesOrCommandsAreCountedAndIgnored() throws Exception {
        TestReader asked = new TestReader(1);
        // Noise before the real answer: a frame from address 2, and one from address 1 with another command.
        asked.noiseBeforeNextReply = TestReader.Step.concat(List.of(
                new TestReader.Step(0, Replies.firmwareVersion(2, new FirmwareVersion(9, 9)).encode()),
                new TestReader.Step(0, Replies.workAntenna(1, 3).encode())));
        ReaderBus bus = bus(0, new MemoryLink(10), asked);
        ReaderStats stats = new ReaderStats();
        Frame reply = bus.request(Requests.getFirmwareVersion(1), stats);
        assertEquals(new FirmwareVersion(1, 8), Replies.parseFirmwareVersion(reply));
        assertEquals(1, bus.counters().foreignFrames());
        assertEquals(1, bus.counters().unexpectedFrames());
        assertEquals(1, stats.frames());
    }

    @Test
    void unansweredRequestIsRetried() throws Exception {
        TestReader reader = new TestReader(1);
        reader.ignoreNext.set(1);
        ReaderBus bus = bus(2, new MemoryLink(10), reader);
        ReaderStats stats = new ReaderStats();
        bus.request(Requests.getFirmwareVersion(1), stats);
        assertEquals(2, reader.count(Command.GET_FIRMWARE_VERSION));
        assertEquals(1, stats.timeouts());
        assertEquals(1, stats.frames());
    }

    @Test
    void silentReaderTimesOutAfterAllRetries() {
        TestReader reader = new TestReader(1);
        reader.silent = true;
        ReaderBus bus = bus(2, new MemoryLink(10), reader);
        ReaderStats stats = new ReaderStats();
        NoReplyException e = assertThrows(NoReplyException.class, () -> bus.request(Requests.getFirmwareVersion(1), stats));
        assertFalse(e.partial());
        assertTrue(e.getMessage().contains("no reply from address 1"), e.getMessage());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertEquals(3, reader.count(Command.GET_FIRMWARE_VERSION));
        assertEquals(3, stats.timeouts());
        assertEquals(0, stats.frames());
    }

    @Test
    void inventoryStreamEndsWithTheSummaryAndIsNeverRetried() throws Exception {
        TestReader reader = new TestReader(1);
        reader.tags = TestReader.epcs(50);
        ReaderBus bus = bus(2, new MemoryLink(10), reader);
        List<InventoryReply> replies = new ArrayList<>();
        bus.exchange(Requests.sessionInventory(1, 1, 0, 1), (f, at) -> {
            try {
                InventoryReply r = InventoryReply.decode(f, false);
                replies.add(r);
                return r.endsCommand();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, new ReaderStats());
        assertEquals(51, replies.size());

        reader.dropSummary = true;
        ReaderStats stats = new ReaderStats();
        NoReplyException e = assertThrows(NoReplyException.class, () -> bus.exchange(Requests.sessionInventory(1, 1, 0, 1),
                (f, at) -> f.dataLength() == 7, stats));
        assertTrue(e.partial());
        assertEquals(2, reader.count(Command.SESSION_INVENTORY), "not retried");
        assertEquals(50, stats.frames());
        assertEquals(1, stats.timeouts());
    }

    @Test
    void inventoryMayStaySilentLongerThanTheResponseTimeoutWithinItsRoundBudget() throws Exception {
        TestReader reader = new TestReader(1);
        reader.summaryDelayMillis = 3 * TIMEOUT; // rounds that found nothing
        ReaderBus bus = bus(0, new MemoryLink(10), reader);
        Duration d = bus.exchange(Requests.sessionInventory(1, 1, 0, 10), (f, at) -> true, new ReaderStats());
        assertTrue(d.toMillis() >= 3 * TIMEOUT, d.toString());

        // A plain command gets no such budget.
        assertThrows(NoReplyException.class, () -> bus.exchange(Requests.sessionInventory(1, 1, 0, 1),
                (f, at) -> true, new ReaderStats()));
    }

    @Test
    void timingScalesWithRoundsAndFlashWrites() {
        BusSettings s = settings(2);
        ReaderBus.Timing plain = ReaderBus.Timing.of(Requests.getFirmwareVersion(1), s);
        assertEquals(Duration.ofMillis(TIMEOUT).toNanos(), plain.silenceNanos());
        assertEquals(3, plain.attempts());
        ReaderBus.Timing flash = ReaderBus.Timing.of(Requests.setOutputPower(1, 20), s);
        assertEquals(Duration.ofMillis(TIMEOUT + ReaderBus.FLASH_WRITE_MILLIS).toNanos(), flash.silenceNanos());
        ReaderBus.Timing inventory = ReaderBus.Timing.of(Requests.sessionInventory(1, 1, 0, 8), s);
        assertEquals(Duration.ofMillis(TIMEOUT + 8 * ReaderBus.ROUND_SILENCE_MILLIS).toNanos(), inventory.silenceNanos());
        assertEquals(1, inventory.attempts());
        ReaderBus.Timing fast = ReaderBus.Timing.of(Requests.fastSwitchInventory(1, List.of(
                new org.medcab.reader.protocol.FastSwitchSlot(0, 2), new org.medcab.reader.protocol.FastSwitchSlot(1, 3),
                org.medcab.reader.protocol.FastSwitchSlot.skip(), org.medcab.reader.protocol.FastSwitchSlot.skip()), 0, 4), s);
        assertEquals(Duration.ofMillis(TIMEOUT + 20 * ReaderBus.ROUND_SILENCE_MILLIS).toNanos(), fast.silenceNanos());
    }

    @Test
    void waitsAtLeastOneMillisecondAfterAReply() throws Exception {
        TestReader reader = new TestReader(1);
        MemoryLink link = new MemoryLink(10);
        FarEnd far = new FarEnd(link.farEnd(), reader);
        toClose.add(far);
        ReaderBus bus = new ReaderBus(settings(0), link::busEnd);
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens");
        for (int i = 0; i < 20; i++) {
            bus.request(Requests.getFirmwareVersion(1), new ReaderStats());
        }
        assertTrue(far.minTurnaroundNanos() >= 1_000_000, "turnaround " + far.minTurnaroundNanos() + " ns");
    }

    @Test
    void lateFramesAreDroppedBeforeTheNextRequest() throws Exception {
        TestReader reader = new TestReader(1);
        MemoryLink link = new MemoryLink(10);
        FarEnd far = new FarEnd(link.farEnd(), reader);
        toClose.add(far);
        ReaderBus bus = new ReaderBus(settings(0), link::busEnd);
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens");
        // A late answer from an earlier request, with content the next reply must not be confused with.
        far.send(Replies.firmwareVersion(1, new FirmwareVersion(7, 7)).encode());
        awaitTrue(() -> bus.counters().decoder().frames() == 1, "late frame decoded");
        Frame reply = bus.request(Requests.getFirmwareVersion(1), new ReaderStats());
        assertEquals(new FirmwareVersion(1, 8), Replies.parseFirmwareVersion(reply));
        assertEquals(1, bus.counters().staleFrames());
    }

    @Test
    void checksumErrorsAreChargedToTheReaderAsked() throws Exception {
        TestReader reader = new TestReader(1);
        byte[] bad = Replies.firmwareVersion(1, new FirmwareVersion(1, 8)).encode();
        bad[bad.length - 1] ^= 0x55;
        reader.noiseBeforeNextReply = bad;
        ReaderBus bus = bus(0, new MemoryLink(10), reader);
        ReaderStats stats = new ReaderStats();
        bus.request(Requests.getFirmwareVersion(1), stats);
        assertEquals(1, stats.checksumErrors());
        assertEquals(1, bus.counters().decoder().checksumErrors());
    }

    @Test
    void lostLineFailsFastAndIsReopenedByItself() throws Exception {
        TestReader reader = new TestReader(1);
        AtomicReference<MemoryLink> current = new AtomicReference<>(new MemoryLink(10));
        AtomicReference<FarEnd> far = new AtomicReference<>(new FarEnd(current.get().farEnd(), reader));
        AtomicInteger opens = new AtomicInteger();
        // A long response timeout, so that failing fast is told apart from timing out.
        ReaderBus bus = new ReaderBus(new BusSettings("bus1", "memory", 115200, 2000, 0, 50), () -> {
            opens.incrementAndGet();
            MemoryLink link = current.get();
            if (link == null) {
                throw new IOException("no such device");
            }
            return link.busEnd();
        });
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens");
        bus.request(Requests.getFirmwareVersion(1), new ReaderStats());

        // Unplug: the line fails and no new one can be opened for a while.
        MemoryLink old = current.getAndSet(null);
        old.cut();
        far.get().close();
        awaitTrue(() -> !bus.isOpen(), "bus notices the lost line");
        long before = System.nanoTime();
        assertThrows(BusUnavailableException.class, () -> bus.request(Requests.getFirmwareVersion(1), new ReaderStats()));
        assertTrue(System.nanoTime() - before < 500_000_000L, "fails fast");
        int triesWhileUnplugged = opens.get();
        awaitTrue(() -> opens.get() >= triesWhileUnplugged + 2, "keeps trying to reopen");

        // Replug.
        MemoryLink fresh = new MemoryLink(10);
        far.set(new FarEnd(fresh.farEnd(), reader));
        toClose.add(far.get());
        current.set(fresh);
        awaitTrue(bus::isOpen, "bus reopens");
        assertEquals(2, bus.generation());
        Frame reply = bus.request(Requests.getFirmwareVersion(1), new ReaderStats());
        assertEquals(new FirmwareVersion(1, 8), Replies.parseFirmwareVersion(reply));
    }

    @Test
    void lineLostWhileAReplyIsDueFailsThatRequest() throws Exception {
        TestReader reader = new TestReader(1);
        reader.summaryDelayMillis = 2000;
        MemoryLink link = new MemoryLink(10);
        ReaderBus bus = bus(0, link, reader);
        Thread unplug = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            link.cut();
        });
        unplug.start();
        long before = System.nanoTime();
        assertThrows(BusUnavailableException.class, () -> bus.exchange(Requests.sessionInventory(1, 1, 0, 100),
                (f, at) -> f.dataLength() == 7, new ReaderStats()));
        assertTrue(System.nanoTime() - before < 1_000_000_000L, "does not wait for the round budget");
        unplug.join();
    }

    @Test
    void closedBusRefusesRequests() throws Exception {
        ReaderBus bus = bus(0, new MemoryLink(10), new TestReader(1));
        bus.close();
        assertFalse(bus.isOpen());
        BusUnavailableException e = assertThrows(BusUnavailableException.class,
                () -> bus.request(Requests.getFirmwareVersion(1), new ReaderStats()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new BusSettings("", "p", 115200, 300, 2, 1000));
        assertThrows(IllegalArgumentException.class, () -> new BusSettings("b", " ", 115200, 300, 2, 1000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BusSettings("b", "p", 9600, 300, 2, 1000));
        assertTrue(e.getMessage().contains("baud"));
        assertThrows(IllegalArgumentException.class, () -> new BusSettings("b", "p", 115200, 0, 2, 1000));
        assertThrows(IllegalArgumentException.class, () -> new BusSettings("b", "p", 115200, 300, -1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new BusSettings("b", "p", 115200, 300, 2, 0));
        assertEquals(50, BusSettings.of("b", "p").lineIdleMillis());
    }
}
