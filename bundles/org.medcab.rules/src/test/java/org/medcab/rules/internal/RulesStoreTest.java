package org.medcab.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medcab.rules.internal.Fixtures.AMOXICILLIN;
import static org.medcab.rules.internal.Fixtures.PARACETAMOL;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesStoreTest {
    @TempDir
    Path dir;

    /** Two tables of very different sizes, so a torn write could not pass for either. */
    static ParLevels table(int which) {
        List<ParLevel> rows = new ArrayList<>();
        int count = which == 0 ? 1 : 2000;
        for (int i = 0; i < count; i++) {
            rows.add(new ParLevel("Z" + i, which == 0 ? AMOXICILLIN : PARACETAMOL, 5 + which, which));
        }
        return ParLevels.of(rows);
    }

    @Test
    void nothingStoredIsAnEmptyTable() throws IOException {
        RulesStore store = new RulesStore(dir.resolve("never-written"));
        assertEquals(ParLevels.EMPTY, store.loadLevels());
        assertEquals(Set.of(), store.loadRequested());
    }

    @Test
    void tableAndRequestsRoundTrip() throws IOException {
        RulesStore store = new RulesStore(dir);
        store.saveLevels(table(1), "r1");
        store.saveRequested(Set.of(new ZoneDrug("A1", AMOXICILLIN), new ZoneDrug("B2", PARACETAMOL)));
        RulesStore reopened = new RulesStore(dir);
        assertEquals(table(1), reopened.loadLevels());
        assertEquals(Set.of(new ZoneDrug("A1", AMOXICILLIN), new ZoneDrug("B2", PARACETAMOL)), reopened.loadRequested());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(RulesStore.LEVELS_FILE, RulesStore.REQUESTED_FILE),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary file left");
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnoredAndOverwritten() throws IOException {
        RulesStore store = new RulesStore(dir);
        store.saveLevels(table(0), "r1");
        Files.writeString(dir.resolve(RulesStore.LEVELS_FILE + ".tmp"), "{\"format\":1,\"levels\":[{\"zo");
        assertEquals(table(0), store.loadLevels());
        store.saveLevels(table(1), "r2");
        assertEquals(table(1), new RulesStore(dir).loadLevels());
    }

    @Test
    void aDamagedFileIsMovedAsideAndReported() throws IOException {
        Files.writeString(dir.resolve(RulesStore.LEVELS_FILE), "{\"format\":1,\"levels\":[{\"zone\":");
        RulesStore store = new RulesStore(dir);
        IOException e = assertThrows(IOException.class, store::loadLevels);
        assertTrue(e.getMessage().contains("moved aside"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(RulesStore.LEVELS_FILE)));
        assertEquals(1, badFiles(RulesStore.LEVELS_FILE));
        assertEquals(ParLevels.EMPTY, store.loadLevels(), "after that, an empty table");
    }

    @Test
    void aFileWithRowsTheRulesRefuseIsMovedAsideToo() throws IOException {
        Files.writeString(dir.resolve(RulesStore.LEVELS_FILE),
                "{\"format\":1,\"levels\":[{\"zone\":\"A1\",\"gtin\":\"" + AMOXICILLIN + "\",\"level\":2,\"reorderPoint\":2}]}");
        Files.writeString(dir.resolve(RulesStore.REQUESTED_FILE), "{\"format\":7,\"requested\":[]}");
        RulesStore store = new RulesStore(dir);
        assertThrows(IOException.class, store::loadLevels);
        assertThrows(IOException.class, store::loadRequested);
        assertEquals(1, badFiles(RulesStore.LEVELS_FILE));
        assertEquals(1, badFiles(RulesStore.REQUESTED_FILE));
    }

    /**
     * A child JVM rewrites the table as fast as it can and is killed with SIGKILL at different
     * moments: the file it leaves is always one whole table or the other.
     */
    @Test
    void killedWhileWritingLeavesTheOldTableOrTheNew() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int round = 0; round < 4; round++) {
            Path folder = dir.resolve("round" + round);
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    StoreWriterMain.class.getName(), folder.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int wanted = 3 + round * 7;
                for (int saved = 0; saved < wanted; ) {
                    String line = out.readLine();
                    if (line == null) {
                        throw new AssertionError("writer ended early");
                    }
                    if (line.startsWith("saved ")) {
                        saved++;
                    }
                }
                child.destroyForcibly(); // SIGKILL, most likely in the middle of the next write
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            ParLevels left = new RulesStore(folder).loadLevels();
            assertTrue(left.equals(table(0)) || left.equals(table(1)), "round " + round + ": " + left.size() + " rows");
        }
    }

    private long badFiles(String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + ".bad-")).count();
        }
    }
}
