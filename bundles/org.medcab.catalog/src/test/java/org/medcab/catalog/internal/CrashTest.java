package org.medcab.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.catalog.RegisteredItem;
import org.medcab.lab.ChildProcess;

/**
 * kill -9 in the middle of a large batch: a child JVM registers items in 10,000-row batches and is
 * killed with SIGKILL while it writes. The database must open again, and hold every group the child
 * saw committed, at most the one group it was committing on top, and no part of any other group; every
 * row it holds must be whole.
 */
class CrashTest {
    private static final Pattern COMMITTED = Pattern.compile("committed (\\d+)");

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesWholeGroupsAndAnOpenableDatabase() throws Exception {
        // Two kills: the second one lands on a database that was itself recovered from the first.
        long lastSeen = 0;
        for (int round = 1; round <= 2; round++) {
            long target = lastSeen + 3_000 + 2_000L * round;
            long seen = killDuring(target);
            assertTrue(Files.exists(dir.resolve("catalog.mv.db")));
            try (TestCatalogs.Opened reopened = TestCatalogs.open(dir)) {
                long stored = reopened.store().count("item");
                assertEquals(stored, reopened.catalog().itemCount(), "memory holds what the store holds");
                assertTrue(stored >= seen, "round " + round + ": " + stored + " stored, but " + seen + " were reported committed");
                assertTrue(stored <= seen + Catalog.ROWS_PER_TRANSACTION, "round " + round + ": " + stored
                        + " stored, more than one group beyond the " + seen + " reported");
                assertEquals(0, stored % Catalog.ROWS_PER_TRANSACTION, "round " + round + ": a group was torn: " + stored);
                for (long n = 1; n <= stored; n++) {
                    RegisteredItem expected = CrashWriter.expected(n);
                    assertEquals(expected, reopened.catalog().item(expected.code()).orElse(null), "item " + n);
                }
                assertTrue(reopened.catalog().item(CrashWriter.expected(stored + 1).code()).isEmpty());
                lastSeen = stored;
            }
        }
    }

    /** Starts the writer, waits until it reports {@code target} rows committed, kills it; the last count it printed. */
    private long killDuring(long target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess writer = ChildProcess.start("crash-writer", List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashWriter.class.getName(), dir.toString()), System.out, null);
        long[] seen = {0};
        try {
            assertTrue(writer.awaitLine(line -> {
                Matcher m = COMMITTED.matcher(line);
                return m.matches() && Long.parseLong(m.group(1)) >= target;
            }, Duration.ofSeconds(120)), () -> "writer did not reach " + target + " rows: " + writer.recentOutput());
            writer.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(writer.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, writer.process().exitValue(), "killed by SIGKILL");
        } finally {
            writer.stop(Duration.ofSeconds(1));
        }
        for (String line : writer.recentOutput().split("\n")) {
            Matcher m = COMMITTED.matcher(line.trim());
            if (m.matches()) {
                seen[0] = Math.max(seen[0], Long.parseLong(m.group(1)));
            }
        }
        return seen[0];
    }
}
