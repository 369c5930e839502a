package org.medcab.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mqtt-sequence} file of links before the durable outbox: a high-water mark below which
 * numbers may have been used. The outbox starts numbering above it, then renames it to
 * {@code mqtt-sequence.migrated} so that it is read once.
 */
final class SequenceMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceMigration.class);
    static final String FILE = "mqtt-sequence";

    private SequenceMigration() {
    }

    /**
     * The mark in {@code directory}, 0 when there is no file.
     *
     * @throws IOException when the file does not hold a number: starting anyway could reuse numbers the HIS has seen
     */
    static long read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
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

    /** Called once the mark is committed in the outbox. */
    static void retire(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            Files.move(file, directory.resolve(FILE + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
            LOG.info("MQTT message numbering moved from {} into the outbox", file);
        }
    }
}
