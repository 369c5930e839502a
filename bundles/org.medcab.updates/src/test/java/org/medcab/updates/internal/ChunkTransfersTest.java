package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkTransfersTest {
    @TempDir
    Path dir;

    private static String sha(byte[] b) {
        return HexFormat.of().formatHex(PackageDownload.sha256().digest(b));
    }

    @Test
    void chunksInAnyOrderResumeAfterARestartAndJoinInOrder() throws Exception {
        byte[] whole = TestPackages.dp("p", "1.0.0");
        int size = 100;
        int total = (whole.length + size - 1) / size;
        ChunkTransfers transfers = new ChunkTransfers(dir.resolve("t"), 1 << 20);
        byte[] last = Arrays.copyOfRange(whole, (total - 1) * size, whole.length);
        ChunkTransfers.Status s = transfers.put("t1", total - 1, total, sha(last), last);
        assertFalse(s.complete());
        assertEquals(total - 1, s.missing().size());

        // A new instance on the same folder: as after a gateway restart.
        ChunkTransfers resumed = new ChunkTransfers(dir.resolve("t"), 1 << 20);
        assertEquals(s.missing(), resumed.status("t1").missing());
        for (int i = 0; i < total - 1; i++) {
            byte[] c = Arrays.copyOfRange(whole, i * size, (i + 1) * size);
            s = resumed.put("t1", i, total, sha(c), c);
        }
        assertTrue(s.complete());
        Path joined = dir.resolve("joined.dp");
        resumed.assemble("t1", joined);
        assertArrayEquals(whole, Files.readAllBytes(joined));
        resumed.delete("t1");
        assertNull(resumed.status("t1"));
    }

    @Test
    void aChunkWithAWrongChecksumIsNotStored() throws Exception {
        ChunkTransfers transfers = new ChunkTransfers(dir, 1 << 20);
        byte[] c = {1, 2, 3};
        ChunkTransfers.BadChunk e = assertThrows(ChunkTransfers.BadChunk.class,
                () -> transfers.put("t1", 0, 2, sha(new byte[] {1, 2, 4}), c));
        assertTrue(e.getMessage().contains("SHA-256"));
        assertEquals("/sha256", e.field);
        assertNull(transfers.status("t1"));
    }

    @Test
    void inconsistentTotalsSizesAndIdsAreRefused() throws Exception {
        ChunkTransfers transfers = new ChunkTransfers(dir, 10);
        byte[] c = {1, 2, 3, 4, 5, 6};
        transfers.put("t1", 0, 2, sha(c), c);
        assertEquals("/total", assertThrows(ChunkTransfers.BadChunk.class, () -> transfers.put("t1", 1, 3, sha(c), c)).field);
        assertEquals("/index", assertThrows(ChunkTransfers.BadChunk.class, () -> transfers.put("t1", 2, 2, sha(c), c)).field);
        ChunkTransfers.BadChunk big = assertThrows(ChunkTransfers.BadChunk.class, () -> transfers.put("t1", 1, 2, sha(c), c));
        assertTrue(big.getMessage().contains("maxPackageBytes"));
        assertEquals("/data", big.field);
        assertEquals("/transferId", assertThrows(ChunkTransfers.BadChunk.class, () -> transfers.put("..", 0, 1, sha(c), c)).field);
        assertEquals(List.of(1), transfers.status("t1").missing());
        assertThrows(java.io.IOException.class, () -> transfers.assemble("t1", dir.resolve("x")));
    }
}
