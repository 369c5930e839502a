package org.medcab.rs485.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rs485.internal.ReaderBusTest.awaitTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.api.ReaderHealth;
import org.medcab.api.TagObservation;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.Replies;
import org.medcab.rs485.AntennaRead;
import org.medcab.rs485.InventoryRequest;
import org.medcab.rs485.ReaderUnavailableException;

/** The reader's command sequence, counters and online state, over an in-memory line. */
class Rs485ReaderTest {
    private static final InventoryRequest S1_A_4 = new InventoryRequest(1, 0, 4);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ReaderBus bus(MemoryLink link, TestReader... readers) {
        toClose.add(new FarEnd(link.farEnd(), readers));
        ReaderBus bus = new ReaderBus(new BusSettings("bus1", "memory", 115200, 100, 1, 50), link::busEnd);
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens");
        return bus;
    }

    private static Rs485Reader reader(ReaderBus bus, String id, int address) {
        return new Rs485Reader(new ReaderSettings(id, address, Map.of(0, "A1", 1, "A2"), 27), bus);
    }

    private static List<Integer> commands(TestReader r) {
        return r.requests.stream().filter(f -> f.address() == r.address).map(Frame::command).toList();
    }

    @Test
    void firstInventoryConfiguresThenSetsTheAntennaOnlyWhenItChanges() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(3);
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);

        reader.inventory(0, S1_A_4);
        assertEquals(List.of(0x72, 0x76, 0x74, 0x8B), commands(far));
        assertEquals(27, far.outputPowerDbm);
        reader.inventory(0, S1_A_4);
        assertEquals(List.of(0x72, 0x76, 0x74, 0x8B, 0x8B), commands(far));
        reader.inventory(1, S1_A_4);
        assertEquals(List.of(0x72, 0x76, 0x74, 0x8B, 0x8B, 0x74, 0x8B), commands(far));
        assertEquals(1, far.workAntenna);
        Frame last = far.requests.get(far.requests.size() - 1);
        assertEquals(new Frame(1, 0x8B, (byte) 1, (byte) 0, (byte) 4), last);
    }

    @Test
    void inventoryTurnsTagRecordsIntoObservations() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(40);
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        AntennaRead read = reader.inventory(1, S1_A_4);
        assertEquals("r1", read.readerId());
        assertEquals(1, read.antenna());
        assertEquals(40, read.totalReads());
        assertEquals(40, read.observations().size());
        TagObservation first = read.observations().get(0);
        assertEquals(TestReader.epcs(1).get(0), first.epc());
        assertEquals(first.epc().toUpperCase(), first.epc());
        assertEquals("r1", first.readerId());
        assertEquals(1, first.antenna());
        assertEquals(60 - 129, first.rssiDbm());
        assertNotNull(first.time());
        assertFalse(read.duration().isNegative());

        ReaderHealth h = reader.health();
        assertTrue(h.online());
        assertEquals("bus1", h.bus());
        assertEquals(1, h.address());
        assertEquals(2 + 1 + 41, h.frames(), "0x72, 0x76, 0x74 replies and 40 tags + summary");
        assertEquals(0, h.timeouts());
        assertNotNull(h.lastSeen());
    }

    @Test
    void replyCutBeforeItsSummaryKeepsTheRecordsReceivedAndTheReaderOnline() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(12);
        far.dropSummary = true;
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        AntennaRead read = reader.inventory(0, S1_A_4);
        assertEquals(12, read.observations().size());
        assertEquals(12, read.totalReads(), "the summary was lost: the count is what arrived");
        assertTrue(reader.health().online(), "a reader whose reply was cut did answer");
        assertEquals(1, reader.health().timeouts(), "the cut reply is counted");

        far.silent = true;
        assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_4),
                "no answer at all is still an outage");
        assertFalse(reader.health().online());
    }

    @Test
    void noTagErrorIsAnEmptyReadAndOtherErrorsFail() throws Exception {
        TestReader far = new TestReader(1);
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        far.inventoryError = ErrorCode.NO_TAG;
        AntennaRead empty = reader.inventory(0, S1_A_4);
        assertEquals(List.of(), empty.observations());
        assertEquals(0, empty.totalReads());

        far.inventoryError = ErrorCode.ANTENNA_MISSING;
        ReaderUnavailableException e = assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_4));
        assertTrue(e.getMessage().contains("antenna missing"), e.getMessage());
        assertTrue(e.getMessage().contains("reader r1"), e.getMessage());
        assertTrue(reader.health().online(), "an error answer is an answer");
    }

    @Test
    void refusedOutputPowerFailsTheInventory() {
        TestReader far = new TestReader(1);
        far.powerStatus = ErrorCode.OUTPUT_POWER_OUT_OF_RANGE;
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        ReaderUnavailableException e = assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_4));
        assertTrue(e.getMessage().contains("output power out of range"), e.getMessage());
        assertEquals(0, far.count(Command.SESSION_INVENTORY));
    }

    @Test
    void silentReaderGoesOfflineAndIsReconfiguredWhenItComesBack() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(2);
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        assertFalse(reader.health().online(), "not online before it answered");
        assertNull(reader.health().lastSeen());
        reader.inventory(0, S1_A_4);
        assertTrue(reader.health().online());

        far.silent = true;
        ReaderUnavailableException e = assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_4));
        assertInstanceOf(NoReplyException.class, e.getCause());
        ReaderHealth offline = reader.health();
        assertFalse(offline.online());
        assertEquals(1, offline.timeouts(), "inventories are not retried");

        // Still silent: the reconfiguration probe (0x72, retried once) fails too.
        assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_4));
        assertEquals(3, reader.health().timeouts());

        far.silent = false;
        int before = far.requests.size();
        AntennaRead back = reader.inventory(0, S1_A_4);
        assertEquals(2, back.observations().size());
        assertTrue(reader.health().online());
        List<Integer> sent = far.requests.subList(before, far.requests.size()).stream().map(Frame::command).toList();
        assertEquals(List.of(0x72, 0x76, 0x74, 0x8B), sent, "configured again after coming back");
    }

    @Test
    void checksumErrorsOnItsRepliesAreCountedForTheReader() throws Exception {
        TestReader far = new TestReader(1);
        Rs485Reader reader = reader(bus(new MemoryLink(10), far), "r1", 1);
        reader.configure();
        byte[] bad = Replies.status(1, Command.SET_WORK_ANTENNA, ErrorCode.SUCCESS).encode();
        bad[4] = 0x11;
        far.noiseBeforeNextReply = bad;
        reader.inventory(1, S1_A_4);
        assertEquals(1, reader.health().checksumErrors());
    }

    @Test
    void twoReadersShareOneBus() throws Exception {
        TestReader one = new TestReader(1);
        TestReader two = new TestReader(2);
        one.tags = TestReader.epcs(5);
        two.tags = TestReader.epcs(7);
        ReaderBus bus = bus(new MemoryLink(10), one, two);
        Rs485Reader r1 = reader(bus, "r1", 1);
        Rs485Reader r2 = reader(bus, "r2", 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    assertEquals(7, r2.inventory(i % 2, S1_A_4).observations().size());
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        for (int i = 0; i < 10; i++) {
            assertEquals(5, r1.inventory(i % 2, S1_A_4).observations().size());
        }
        t.join();
        assertNull(failure.get());
        assertEquals(0, r1.health().timeouts() + r2.health().timeouts());
        assertTrue(r1.health().online() && r2.health().online());
    }

    @Test
    void reconfiguresAfterTheBusReopened() throws Exception {
        TestReader far = new TestReader(1);
        AtomicReference<MemoryLink> link = new AtomicReference<>(new MemoryLink(10));
        AtomicReference<FarEnd> farEnd = new AtomicReference<>(new FarEnd(link.get().farEnd(), far));
        ReaderBus bus = new ReaderBus(new BusSettings("bus1", "memory", 115200, 100, 1, 20), () -> link.get().busEnd());
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens");
        Rs485Reader reader = reader(bus, "r1", 1);
        reader.inventory(0, S1_A_4);
        assertEquals(1, far.count(Command.SET_OUTPUT_POWER));

        MemoryLink old = link.get();
        link.set(new MemoryLink(10));
        farEnd.get().close();
        farEnd.set(new FarEnd(link.get().farEnd(), far));
        toClose.add(farEnd.get());
        old.cut();
        awaitTrue(() -> bus.generation() == 2, "bus reopens");
        reader.inventory(0, S1_A_4);
        assertEquals(2, far.count(Command.SET_OUTPUT_POWER));
        assertEquals(2, far.count(Command.SET_WORK_ANTENNA));
    }

    @Test
    void zonesAndSettingsAreChecked() {
        assertEquals(Map.of(0, "A1", 3, "B2"), ReaderSettings.parseZones("r1", new String[] {"0=A1", " 3 = B2 "}));
        for (String bad : new String[] {"A1", "x=A1", "8=A1", "-1=A1", "0=", "=A1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReaderSettings.parseZones("r1", new String[] {bad}), bad);
            assertTrue(e.getMessage().contains("r1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ReaderSettings.parseZones("r1", new String[] {"0=A1", "0=A2"}));
        assertThrows(IllegalArgumentException.class, () -> new ReaderSettings("r1", 255, Map.of(0, "A1"), 20));
        assertThrows(IllegalArgumentException.class, () -> new ReaderSettings("r1", 1, Map.of(), 20));
        assertThrows(IllegalArgumentException.class, () -> new ReaderSettings("r1", 1, Map.of(0, "A1"), 34));
        ReaderBus bus = bus(new MemoryLink(10), new TestReader(1));
        Rs485Reader reader = reader(bus, "r1", 1);
        assertThrows(IllegalArgumentException.class, () -> reader.inventory(8, S1_A_4));
    }

    @Test
    void firmwareProbeAnswerIsTheOnlineSignal() throws Exception {
        TestReader far = new TestReader(1);
        ReaderBus bus = bus(new MemoryLink(10), far);
        Rs485Reader reader = reader(bus, "r1", 1);
        reader.configure();
        assertTrue(reader.health().online());
        assertEquals(List.of(0x72, 0x76), commands(far));
    }
}
