package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceStoreTest {
    @TempDir
    Path dir;

    @Test
    void startsAtOneAndReservesABlockOnDisk() throws IOException {
        Path file = dir.resolve("seq");
        SequenceStore store = new SequenceStore(file, 1000);
        assertEquals(1, store.next());
        assertEquals(2, store.next());
        assertEquals("1000", Files.readString(file).trim());
        assertFalse(Files.exists(dir.resolve("seq.tmp")), "the temporary file is renamed, not left behind");
    }

    @Test
    void aRestartNeverRepeatsANumber() throws IOException {
        Path file = dir.resolve("seq");
        SequenceStore first = new SequenceStore(file, 1000);
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = first.next();
        }
        // No close: a crash leaves the store exactly like this.
        SequenceStore second = new SequenceStore(file, 1000);
        long next = second.next();
        assertTrue(next > last, next + " after " + last);
        assertEquals(1001, next, "the rest of the first block is skipped");
    }

    @Test
    void reservesTheNextBlockWhenOneIsUsedUp() throws IOException {
        Path file = dir.resolve("seq");
        SequenceStore store = new SequenceStore(file, 2);
        assertEquals(1, store.next());
        assertEquals(2, store.next());
        assertEquals("2", Files.readString(file).trim());
        assertEquals(3, store.next());
        assertEquals("4", Files.readString(file).trim());
        assertEquals(5, new SequenceStore(file, 2).next());
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path file = dir.resolve("a/b/seq");
        assertEquals(1, new SequenceStore(file, 10).next());
        assertTrue(Files.exists(file));
    }

    @Test
    void refusesAFileWithoutAMark() throws IOException {
        Path file = dir.resolve("seq");
        Files.writeString(file, "garbage");
        IOException e = assertThrows(IOException.class, () -> new SequenceStore(file, 1000));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Files.writeString(file, "-5");
        assertThrows(IOException.class, () -> new SequenceStore(file, 1000));
    }
}
