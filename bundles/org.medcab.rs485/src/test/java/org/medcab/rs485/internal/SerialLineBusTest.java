package org.medcab.rs485.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rs485.internal.ReaderBusTest.awaitTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.api.ReaderHealth;
import org.medcab.lab.PtyPair;
import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.Replies;
import org.medcab.rs485.AntennaRead;
import org.medcab.rs485.InventoryRequest;
import org.medcab.rs485.ReaderUnavailableException;

/**
 * The bus and its readers over a real serial line: a socat pty pair, with the test playing the
 * readers on the far end with the protocol bundle's encoders.
 */
class SerialLineBusTest {
    private static final InventoryRequest S1_A_1 = new InventoryRequest(1, 0, 1);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PtyPair socat;

    @BeforeEach
    void startLine() throws Exception {
        // Checked per test, so that each one is reported as skipped with the reason.
        Assumptions.assumeTrue(PtyPair.socatInstalled(),
                "socat is not installed: these tests need a pseudo-terminal pair (apt-get install socat)");
        socat = PtyPair.open(dir, "ttyA", "ttyB");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (socat != null) {
            socat.close();
        }
    }

    private FarEnd farEnd(TestReader... readers) throws Exception {
        FarEnd far = new FarEnd(JSerialCommLine.opener(socat.b().toString(), 115200, 20).open(), readers);
        toClose.add(far);
        return far;
    }

    private ReaderBus bus() {
        return bus(100);
    }

    private ReaderBus bus(int responseTimeoutMillis) {
        ReaderBus bus = new ReaderBus(new BusSettings("bus1", socat.a().toString(), 115200, responseTimeoutMillis, 1, 100));
        toClose.add(bus);
        awaitTrue(bus::isOpen, "bus opens " + socat.a());
        return bus;
    }

    private static Rs485Reader reader(ReaderBus bus, int address) {
        return new Rs485Reader(new ReaderSettings("r" + address, address, Map.of(0, "A1", 1, "A2"), 20), bus);
    }

    @Test
    void requestReplyAndALongInventoryStream() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(600);
        farEnd(far);
        ReaderBus bus = bus();
        Rs485Reader reader = reader(bus, 1);

        AntennaRead read = reader.inventory(1, S1_A_1);
        assertEquals(600, read.observations().size());
        assertEquals(600, read.totalReads());
        assertEquals(new HashSet<>(far.tags), new HashSet<>(read.observations().stream().map(o -> o.epc()).toList()));
        assertTrue(read.observations().stream().allMatch(o -> o.antenna() == 1 && o.readerId().equals("r1")));
        ReaderHealth h = reader.health();
        assertTrue(h.online());
        assertEquals(3 + 601, h.frames());
        assertEquals(0, h.checksumErrors());
        assertEquals(0, bus.counters().decoder().discardedBytes());
    }

    @Test
    void readerThatNeverAnswersTimesOutAndGoesOffline() throws Exception {
        TestReader present = new TestReader(1);
        TestReader silent = new TestReader(2);
        silent.silent = true;
        farEnd(present, silent);
        ReaderBus bus = bus();
        Rs485Reader r1 = reader(bus, 1);
        Rs485Reader r2 = reader(bus, 2);

        ReaderUnavailableException e = assertThrows(ReaderUnavailableException.class, () -> r2.inventory(0, S1_A_1));
        assertTrue(e.getMessage().contains("no reply from address 2"), e.getMessage());
        ReaderHealth h = r2.health();
        assertFalse(h.online());
        assertEquals(2, h.timeouts(), "0x72 and its one retry");
        assertEquals(0, h.frames());
        assertEquals(2, silent.count(Command.GET_FIRMWARE_VERSION));

        // The bus still serves the reader that answers.
        r1.inventory(0, S1_A_1);
        assertTrue(r1.health().online());

        silent.silent = false;
        r2.inventory(0, S1_A_1);
        assertTrue(r2.health().online());
    }

    @Test
    void garbageAndBadChecksumsAreCountedAndTheNextRequestWorks() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(20);
        FarEnd line = farEnd(far);
        ReaderBus bus = bus();
        Rs485Reader reader = reader(bus, 1);
        reader.configure();

        line.send(new byte[] {0x00, 0x55, (byte) 0xA0, 0x01, 0x13, 0x37});
        byte[] bad = Replies.status(1, Command.SET_WORK_ANTENNA, ErrorCode.SUCCESS).encode();
        bad[bad.length - 1] ^= 0x0F;
        far.noiseBeforeNextReply = bad;
        AntennaRead read = reader.inventory(0, S1_A_1);
        assertEquals(20, read.observations().size());
        assertEquals(1, reader.health().checksumErrors());
        assertTrue(bus.counters().decoder().discardedBytes() >= 6 + bad.length, bus.counters().toString());
        assertEquals(1, bus.counters().decoder().badLengths());

        assertEquals(20, reader.inventory(0, S1_A_1).observations().size());
        assertEquals(0, reader.health().timeouts());
    }

    @Test
    void unpluggedAdapterIsReopenedByItself() throws Exception {
        TestReader far = new TestReader(1);
        far.tags = TestReader.epcs(10);
        farEnd(far);
        // A long response timeout, so that failing fast is told apart from timing out.
        ReaderBus bus = bus(2000);
        Rs485Reader reader = reader(bus, 1);
        assertEquals(10, reader.inventory(0, S1_A_1).observations().size());

        // Unplug: socat ends, both pty ends fail, the links vanish.
        socat.close();
        awaitTrue(() -> !bus.isOpen(), "bus notices the lost port");
        assertFalse(Files.exists(socat.a()));
        long before = System.nanoTime();
        ReaderUnavailableException e = assertThrows(ReaderUnavailableException.class, () -> reader.inventory(0, S1_A_1));
        assertTrue(System.nanoTime() - before < 500_000_000L, "fails fast while unplugged");
        assertInstanceOf(BusUnavailableException.class, e.getCause());
        assertFalse(reader.health().online());

        // Replug: a new socat with the same link names.
        socat = PtyPair.open(dir, "ttyA", "ttyB");
        farEnd(far);
        awaitTrue(() -> bus.isOpen() && bus.generation() == 2, "bus reopens");
        long powerBefore = far.count(Command.SET_OUTPUT_POWER);
        AntennaRead read = reader.inventory(0, S1_A_1);
        assertEquals(10, read.observations().size());
        assertTrue(reader.health().online());
        assertEquals(powerBefore + 1, far.count(Command.SET_OUTPUT_POWER), "reader configured again");
    }
}
