package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.mqtt.internal.OutboxMessages.json;
import static org.medcab.mqtt.internal.OutboxMessages.n;
import static org.medcab.mqtt.internal.OutboxMessages.numbered;
import static org.medcab.mqtt.internal.OutboxMessages.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.Delivery;

class DurableOutboxTest {
    @TempDir
    Path dir;

    private static List<DurableOutbox.Ready> takeAll(DurableOutbox outbox) throws Exception {
        return outbox.take(Integer.MAX_VALUE, 0);
    }

    private static List<String> describe(List<DurableOutbox.Ready> ready) {
        return ready.stream().map(r -> r.subtopic() + "#" + n(r)).toList();
    }

    @Test
    void keepsOnlyTheNewestUnsentLatestPerSubtopicAndEveryRecordInOrder() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("inventory/A1", 1, Delivery.LATEST), numbered("inventory/A2", 1, Delivery.LATEST),
                    numbered("events/inventory", 1, Delivery.RECORD)));
            outbox.store(List.of(numbered("inventory/A1", 2, Delivery.LATEST), numbered("inventory/A2", 2, Delivery.LATEST),
                    numbered("events/inventory", 2, Delivery.RECORD)));
            outbox.store(List.of(numbered("inventory/A1", 3, Delivery.LATEST), numbered("events/inventory", 3, Delivery.RECORD)));
            assertEquals(List.of("events/inventory#1", "inventory/A2#2", "events/inventory#2", "inventory/A1#3",
                    "events/inventory#3"), describe(takeAll(outbox)));
            assertEquals(3, outbox.figures().coalescedLatest());
        }
    }

    @Test
    void urgentMessagesOvertakeTheBacklog() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            for (int n = 1; n <= 3; n++) {
                outbox.store(List.of(numbered("events/inventory", n, Delivery.RECORD), numbered("health", n, Delivery.ROUTINE)));
            }
            outbox.store(List.of(numbered("events/alarm", 1, Delivery.URGENT)));
            List<DurableOutbox.Ready> first = outbox.take(2, 0);
            assertEquals(List.of("events/alarm#1", "events/inventory#1"), describe(first));
            outbox.store(List.of(numbered("events/alarm", 2, Delivery.URGENT)));
            first.forEach(r -> outbox.delivered(r.entry()));
            assertEquals("events/alarm#2", describe(outbox.take(1, 0)).get(0), "a new alarm goes before the rest");
            // seq is given in the order messages are first sent, so it rises along the wire.
            assertEquals(List.of(1L, 2L), first.stream().map(DurableOutbox.Ready::seq).toList());
        }
    }

    @Test
    void whenFullTheOldestRoutineMessagesAreDroppedAndRecordsAreKeptBeyondTheBound() throws Exception {
        try (DurableOutbox outbox = open(dir, 4, Long.MAX_VALUE, Clock.systemUTC())) {
            for (int n = 1; n <= 3; n++) {
                outbox.store(List.of(numbered("health", n, Delivery.ROUTINE), numbered("events/inventory", n, Delivery.RECORD)));
            }
            DurableOutbox.Figures figures = outbox.figures();
            assertEquals(2, figures.droppedRoutine());
            assertFalse(figures.overLimit());
            assertEquals(List.of("events/inventory#1", "events/inventory#2", "health#3", "events/inventory#3"),
                    describe(outbox.take(Integer.MAX_VALUE, 0)), "the oldest health messages went first");
            outbox.restartDelivery(); // the connection broke: everything waits again (in flight is never dropped)

            outbox.store(List.of(numbered("events/inventory", 4, Delivery.RECORD)));
            figures = outbox.figures();
            assertEquals(3, figures.droppedRoutine(), "the last routine message made room");
            outbox.store(List.of(numbered("events/inventory", 5, Delivery.RECORD)));
            figures = outbox.figures();
            assertEquals(5, figures.total(), "a record is never dropped: kept beyond the bound");
            assertTrue(figures.overLimit(), "and the health message says so");
        }
    }

    @Test
    void theByteBoundDropsRoutineMessagesToo() throws Exception {
        try (DurableOutbox outbox = open(dir, 1000, 300, Clock.systemUTC())) {
            for (int n = 1; n <= 10; n++) {
                outbox.store(List.of(numbered("health", n, Delivery.ROUTINE)));
            }
            DurableOutbox.Figures figures = outbox.figures();
            assertTrue(figures.bytes() <= 300, figures.toString());
            assertTrue(figures.droppedRoutine() > 0);
            List<DurableOutbox.Ready> left = takeAll(outbox);
            assertEquals(10, n(left.get(left.size() - 1)), "the newest is kept");
        }
    }

    @Test
    void holdsBackWhileTheWindowIsFull() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("events/inventory", 1, Delivery.RECORD), numbered("events/inventory", 2, Delivery.RECORD)));
            List<DurableOutbox.Ready> first = outbox.take(1, 0);
            assertEquals(1, first.size());
            assertEquals(List.of(), outbox.take(1, 10), "one in flight already");
            outbox.delivered(first.get(0).entry());
            assertEquals(2, n(outbox.take(1, 0).get(0)));
        }
    }

    @Test
    void anUnacknowledgedMessageIsResentWithTheSamePayloadAfterAReconnectAndAfterAReopen() throws Exception {
        byte[] firstPayload;
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("events/inventory", 1, Delivery.RECORD), numbered("events/inventory", 2, Delivery.RECORD),
                    numbered("events/inventory", 3, Delivery.RECORD)));
            List<DurableOutbox.Ready> sent = outbox.take(2, 0);
            firstPayload = sent.get(0).payload();
            outbox.delivered(sent.get(1).entry());
            outbox.restartDelivery();
            List<DurableOutbox.Ready> again = takeAll(outbox);
            assertEquals(List.of("events/inventory#1", "events/inventory#3"), describe(again));
            assertArrayEquals(firstPayload, again.get(0).payload(), "same id and seq on resend");
            assertEquals(3, again.get(1).seq(), "the next seq after the two first sent");
        }
        try (DurableOutbox reopened = open(dir)) {
            List<DurableOutbox.Ready> afterRestart = takeAll(reopened);
            assertEquals(List.of("events/inventory#1", "events/inventory#3"), describe(afterRestart),
                    "the acknowledged one is gone, the others wait");
            assertArrayEquals(firstPayload, afterRestart.get(0).payload(), "the original id and seq after a restart");
            assertEquals(4, reopened.nextSeq(), "numbering continues exactly, without a jump");
        }
    }

    @Test
    void aReplacedLatestMessageThatWasAlreadyNumberedIsStillSentSoSeqHasNoGap() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("inventory/A1", 1, Delivery.LATEST)));
            List<DurableOutbox.Ready> inFlight = outbox.take(10, 0);
            outbox.store(List.of(numbered("inventory/A1", 2, Delivery.LATEST)));
            outbox.restartDelivery();
            List<DurableOutbox.Ready> again = takeAll(outbox);
            assertEquals(List.of("inventory/A1#1", "inventory/A1#2"), describe(again));
            assertEquals(inFlight.get(0).seq(), again.get(0).seq());
        }
    }

    @Test
    void aNewConnectionRestatesTheNewestRetainedLatestMessageAsANewMessage() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("inventory/A1", 1, Delivery.LATEST), numbered("inventory/A2", 1, Delivery.LATEST),
                    numbered("events/inventory", 1, Delivery.RECORD)));
            List<DurableOutbox.Ready> sent = takeAll(outbox);
            sent.forEach(r -> outbox.delivered(r.entry()));
            assertEquals(0, outbox.size());
            outbox.restartDelivery();
            List<DurableOutbox.Ready> restated = takeAll(outbox);
            assertEquals(List.of("inventory/A1#1", "inventory/A2#1"), describe(restated), "delivered records are not repeated");
            assertTrue(restated.get(0).seq() > sent.get(2).seq(), "a new message with a new seq");
            assertTrue(restated.get(0).retained());
        }
    }

    @Test
    void aRetainedSubtopicNoLongerKeptIsNotRestated() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("inventory/A1", 1, Delivery.LATEST), numbered("inventory/OLD", 1, Delivery.LATEST),
                    numbered("lights/A1", 1, Delivery.LATEST)));
            takeAll(outbox).forEach(r -> outbox.delivered(r.entry()));
            outbox.keepRetained("inventory/", java.util.Set.of("inventory/A1"));
            outbox.restartDelivery();
            assertEquals(List.of("inventory/A1#1", "lights/A1#1"), describe(takeAll(outbox)),
                    "the zone that left is not restated; other prefixes are untouched");
        }
    }

    @Test
    void anAcknowledgementArrivingAfterTheRestartStillCounts() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("events/inventory", 1, Delivery.RECORD), numbered("events/inventory", 2, Delivery.RECORD)));
            DurableOutbox.Ready first = outbox.take(10, 0).get(0);
            outbox.restartDelivery();
            outbox.delivered(first.entry());
            assertEquals(List.of("events/inventory#2"), describe(takeAll(outbox)));
        }
    }

    @Test
    void anAcknowledgedMessageStaysGoneAfterAReopen() throws Exception {
        try (DurableOutbox outbox = open(dir)) {
            outbox.store(List.of(numbered("events/inventory", 1, Delivery.RECORD)));
            outbox.delivered(outbox.take(10, 0).get(0).entry());
            outbox.flush();
        }
        try (DurableOutbox reopened = open(dir)) {
            assertEquals(0, reopened.size());
        }
    }

    @Test
    void theOldSequenceFileIsHonouredOnceAndAGarbledOneStopsTheStart() throws Exception {
        Files.writeString(dir.resolve(SequenceMigration.FILE), "4711\n");
        try (DurableOutbox outbox = open(dir)) {
            assertEquals(4712, outbox.nextSeq(), "never below the old high-water mark");
        }
        assertFalse(Files.exists(dir.resolve(SequenceMigration.FILE)));
        assertTrue(Files.exists(dir.resolve(SequenceMigration.FILE + ".migrated")));
        try (DurableOutbox outbox = open(dir)) {
            assertEquals(4713, outbox.nextSeq());
        }
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve(SequenceMigration.FILE), "garbage");
        IOException e = assertThrows(IOException.class, () -> open(other));
        assertTrue(e.getMessage().contains("refusing to guess"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAStoreStopsTheStartInsteadOfLosingItsMessages() throws Exception {
        Files.write(dir.resolve(DurableOutbox.FILE), new byte[]{'n', 'o', 't', ' ', 'a', ' ', 's', 't', 'o', 'r', 'e'});
        IOException e = assertThrows(IOException.class, () -> open(dir));
        assertTrue(e.getMessage().contains("move the file aside"), e.getMessage());
    }

    @Test
    void figuresCountEveryDeliveryClassAndTheOldestAge() throws Exception {
        Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (DurableOutbox outbox = open(dir, 1000, Long.MAX_VALUE, clock)) {
            assertNull(outbox.figures().oldestAge(), "empty: no age");
            outbox.store(List.of(numbered("events/inventory", 1, Delivery.RECORD)));
            clock.now = t0.plusSeconds(5);
            outbox.store(List.of(numbered("events/alarm", 1, Delivery.URGENT), numbered("health", 1, Delivery.ROUTINE),
                    numbered("inventory/A1", 1, Delivery.LATEST)));
            clock.now = t0.plusSeconds(30);
            DurableOutbox.Figures figures = outbox.figures();
            assertEquals(1, figures.messages().get(Delivery.URGENT));
            assertEquals(1, figures.messages().get(Delivery.RECORD));
            assertEquals(1, figures.messages().get(Delivery.ROUTINE));
            assertEquals(1, figures.messages().get(Delivery.LATEST));
            assertEquals(Duration.ofSeconds(30), figures.oldestAge());
            assertTrue(figures.bytes() > 0);
            // In flight still counts: it is not delivered until acknowledged.
            outbox.take(10, 0);
            assertEquals(4, outbox.figures().total());
        }
    }

    @Test
    void concurrentSendersShareCommitsAndLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (DurableOutbox outbox = open(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        outbox.store(List.of(numbered("events/t" + thread, i, Delivery.RECORD)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (DurableOutbox reopened = open(dir)) {
            List<DurableOutbox.Ready> all = takeAll(reopened);
            assertEquals(400, all.size());
            for (int t = 0; t < 8; t++) {
                String subtopic = "events/t" + t;
                List<Long> ns = all.stream().filter(r -> r.subtopic().equals(subtopic)).map(OutboxMessages::n).toList();
                assertEquals(50, ns.size());
                for (int i = 0; i < 50; i++) {
                    assertEquals(i, ns.get(i), "each sender's messages in its order");
                }
            }
            assertEquals("site1", json(all.get(0)).get("site").getAsString());
        }
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
