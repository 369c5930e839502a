package org.medcab.rules.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A small JSON document kept in one file and replaced whole: written to a temporary file beside
 * it, forced to disk, renamed over the old one (atomic on POSIX file systems) and the folder forced
 * too. A kill -9 or power loss at any point leaves either the old document or the new one, never a
 * mixture; a temporary file left behind by a crash is ignored and overwritten by the next write.
 */
final class AtomicJsonFile {
    private final Path file;
    private final Path temp;

    AtomicJsonFile(Path file) {
        this.file = file.toAbsolutePath();
        this.temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    }

    Path path() {
        return file;
    }

    /**
     * The document, or empty when the file does not exist.
     *
     * @throws IOException when it cannot be read or is not a JSON object; the file is then moved
     *                     aside (to {@code <name>.bad-<time>}) so that an operator can inspect it and
     *                     the next write does not destroy it
     */
    Optional<JsonObject> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonElement json = JsonParser.parseString(text);
            if (!json.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            return Optional.of(json.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a JSON object (" + e.getMessage() + "); moved aside to " + moveAside(), e);
        }
    }

    /**
     * Renames the file to {@code <name>.bad-<epoch millis>}, for a document whose content its reader
     * cannot use: kept for an operator, out of the way of the next write.
     */
    Path moveAside() throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".bad-" + Instant.now().toEpochMilli());
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    void write(JsonObject document) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename lives in the folder: without forcing it a power cut may bring the old name back.
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for reading; the rename is still atomic there.
        }
    }
}
