package org.medcab.mqtt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the gateway-wide message sequence numbers so that none is ever used twice, not even
 * across a crash or a power cut. The file holds a high-water mark: every number up to it may have
 * been used. Numbers are reserved a block at a time (one write per block, not per message); the
 * new mark is written to a temporary file, forced to the disk, and renamed over the old one, so the
 * file always holds either the old or the new mark. A crash therefore skips at most the rest of a
 * block (the HIS sees a gap) but never repeats a number.
 *
 * <p>The file lives in the bundle's data area: uninstalling the bundle (not updating it) deletes it,
 * and numbering then starts again at 1.
 */
public final class SequenceStore {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceStore.class);

    private final Path file;
    private final int blockSize;
    private long next;
    private long reservedThrough;

    /**
     * Opens (or creates) the store.
     *
     * @throws IOException when the file exists but cannot be read or does not hold a mark: starting
     *                     anyway could reuse numbers the HIS has already seen
     */
    public SequenceStore(Path file, int blockSize) throws IOException {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive");
        }
        this.file = file.toAbsolutePath();
        this.blockSize = blockSize;
        Files.createDirectories(this.file.getParent());
        long mark = readMark(this.file);
        next = mark + 1;
        reservedThrough = mark;
    }

    /**
     * The next number, strictly greater than every number handed out before by this or any earlier
     * store on the same file.
     *
     * @throws UncheckedIOException when a new block cannot be made durable; no number is handed out then
     */
    public synchronized long next() {
        if (next > reservedThrough) {
            long mark = next + blockSize - 1;
            try {
                writeMark(mark);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reserve message sequence numbers in " + file, e);
            }
            reservedThrough = mark;
        }
        return next++;
    }

    private static long readMark(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        }
        try {
            long mark = Long.parseLong(text);
            if (mark < 0) {
                throw new NumberFormatException("negative");
            }
            return mark;
        } catch (NumberFormatException e) {
            throw new IOException("message sequence file " + file + " holds '" + text
                    + "', not a high-water mark; refusing to guess (numbers could repeat). Put a number above the last"
                    + " seq the HIS received into it, or delete it to restart numbering at 1");
        }
    }

    private void writeMark(long mark) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap((mark + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename itself is only durable once the directory is on disk too.
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; Linux, where the gateway runs, can.
            LOG.debug("cannot force directory {}: {}", file.getParent(), e.toString());
        }
    }
}
