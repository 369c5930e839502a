package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.lab.ChildProcess;

/**
 * kill -9 at any moment: a child JVM stores messages in a loop (and numbers and acknowledges some, as
 * the link does) and is killed with SIGKILL while it writes, again and again; after every kill the
 * outbox opens, holds every message whose {@code store} returned and was not acknowledged, each once,
 * readable, and numbering continues above every seq handed out.
 */
class DurableOutboxCrashTest {
    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void nothingStoredIsLostAndNothingIsCorruptedByKillMinus9() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Random random = new Random(4);
        long next = 0;
        long highestSeq = 0;
        Set<Long> acknowledged = new HashSet<>();
        for (int kill = 0; kill < KILLS; kill++) {
            long from = next;
            ChildProcess writer = ChildProcess.start("outbox-writer", List.of(java.toString(), "-cp",
                    System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    OutboxWriterMain.class.getName(), dir.toString(), Long.toString(from)), System.out, null);
            long killAt = from + 30 + random.nextInt(200);
            assertTrue(writer.awaitLine(l -> l.equals("stored " + killAt), Duration.ofSeconds(60)),
                    "writer did not get to " + killAt + ": " + writer.recentOutput());
            writer.process().destroyForcibly(); // SIGKILL, mid-write: it keeps storing until the signal lands
            assertTrue(writer.process().waitFor(10, TimeUnit.SECONDS));
            writer.stop(Duration.ZERO);

            Set<Long> stored = new TreeSet<>();
            for (String line : lines(writer)) {
                if (line.startsWith("stored ")) {
                    stored.add(Long.parseLong(line.substring(7)));
                } else if (line.startsWith("delivered ")) {
                    acknowledged.add(Long.parseLong(line.substring(10)));
                }
            }
            try (DurableOutbox reopened = OutboxMessages.open(dir)) {
                List<DurableOutbox.Ready> all = reopened.take(Integer.MAX_VALUE, 0);
                List<Long> ns = new ArrayList<>();
                Set<Long> seqs = new HashSet<>();
                for (DurableOutbox.Ready ready : all) {
                    ns.add(OutboxMessages.n(ready));
                    assertTrue(seqs.add(ready.seq()), "seq " + ready.seq() + " twice");
                    assertEquals(ready.seq(), OutboxMessages.json(ready).get("seq").getAsLong());
                    highestSeq = Math.max(highestSeq, ready.seq());
                }
                assertEquals(new HashSet<>(ns).size(), ns.size(), "a message stored twice: " + ns);
                for (long n : stored) {
                    assertTrue(ns.contains(n) || acknowledged.contains(n),
                            "round " + kill + ": message " + n + " was stored (store returned) but is gone");
                }
                for (long n : ns) {
                    assertTrue(n < next || n >= from, "an unknown message " + n);
                }
                long newSeq = reopened.nextSeq();
                assertTrue(newSeq > highestSeq, "seq " + newSeq + " handed out again");
                highestSeq = newSeq;
                // Go on after whatever reached the disk, stored line or not, so no number is stored twice.
                next = Math.max(ns.stream().mapToLong(Long::longValue).max().orElse(-1),
                        stored.stream().mapToLong(Long::longValue).max().orElse(-1)) + 1;
                // Leave all of it in flight and unacknowledged: the next writer starts by resending it.
            }
        }
        assertTrue(next > KILLS * 30L, "the writers got somewhere: " + next);
    }

    private static List<String> lines(ChildProcess child) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        // awaitLine sees every line ever printed; collect them through it.
        child.awaitLine(line -> {
            lines.add(line);
            return false;
        }, Duration.ofSeconds(10)); // returns once the dead process's output is read to the end
        return lines;
    }
}
