package org.medcab.updates.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Packages sent in chunks over MQTT ({@code cmd/deploy-chunk}), staged in the bundle's data area so a
 * transfer survives a restart and resumes where it stopped: each chunk is its own file, written only once
 * its own SHA-256 matches, so a chunk is either whole or absent.
 */
final class ChunkTransfers {
    static final int MAX_CHUNKS = 100_000;
    private final Path root;
    private final long maxBytes;

    ChunkTransfers(Path root, long maxBytes) throws IOException {
        this.root = Files.createDirectories(root);
        this.maxBytes = maxBytes;
    }

    /** A chunk refused as it is, naming the field of cmd/deploy-chunk at fault. */
    static final class BadChunk extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String field;

        BadChunk(String field, String problem) {
            super(problem);
            this.field = field;
        }
    }

    /** What is known about a transfer: how many chunks it has in all and which are still missing. */
    record Status(String transferId, int total, List<Integer> missing, long bytes) {
        boolean complete() {
            return total > 0 && missing.isEmpty();
        }
    }

    /**
     * Stores one chunk.
     *
     * @throws BadChunk with the field and problem for the reply: bad digest, index out of range, a total that
     *                  differs from the transfer's earlier chunks, too many bytes, an unusable transfer id
     */
    Status put(String transferId, int index, int total, String sha256, byte[] data) throws IOException {
        if (total < 1 || total > MAX_CHUNKS || index < 0 || index >= total) {
            throw new BadChunk("/index", "chunk index " + index + " of " + total + " is out of range");
        }
        String actual = HexFormat.of().formatHex(PackageDownload.sha256().digest(data));
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new BadChunk("/sha256", "chunk " + index + " has SHA-256 " + actual + ", not " + sha256);
        }
        Path dir = Files.createDirectories(dir(transferId));
        Path totalFile = dir.resolve("total");
        if (Files.exists(totalFile)) {
            int known = Integer.parseInt(Files.readString(totalFile).trim());
            if (known != total) {
                throw new BadChunk("/total", "transfer " + transferId + " has " + known + " chunks, not " + total);
            }
        } else {
            write(totalFile, Integer.toString(total).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        if (bytes(dir) + data.length > maxBytes) {
            throw new BadChunk("/data", "transfer " + transferId + " would exceed maxPackageBytes " + maxBytes);
        }
        write(dir.resolve(chunkName(index)), data);
        return status(transferId);
    }

    /** The transfer's status, or null when no chunk of it was ever received. */
    Status status(String transferId) throws IOException {
        Path dir = dir(transferId);
        Path totalFile = dir.resolve("total");
        if (!Files.exists(totalFile)) {
            return null;
        }
        int total = Integer.parseInt(Files.readString(totalFile).trim());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (!Files.exists(dir.resolve(chunkName(i)))) {
                missing.add(i);
            }
        }
        return new Status(transferId, total, missing, bytes(dir));
    }

    /** Joins a complete transfer's chunks, in order, into one file. */
    void assemble(String transferId, Path target) throws IOException {
        Status status = status(transferId);
        if (status == null || !status.complete()) {
            throw new IOException("transfer " + transferId + " is not complete");
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int i = 0; i < status.total(); i++) {
                Files.copy(dir(transferId).resolve(chunkName(i)), out);
            }
        }
    }

    void delete(String transferId) throws IOException {
        Path dir = dir(transferId);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private Path dir(String transferId) {
        // The schema allows [A-Za-z0-9._:-] only; ".." or ":" must still not name another folder.
        if (!transferId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")) {
            throw new BadChunk("/transferId", "transferId '" + transferId + "' is not a valid transfer id");
        }
        return root.resolve(transferId);
    }

    private static String chunkName(int index) {
        return String.format("%06d.chunk", index);
    }

    private static long bytes(Path dir) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.chunk")) {
            for (Path f : files) {
                sum += Files.size(f);
            }
        }
        return sum;
    }

    /** Written completely under a temporary name, then moved: never half a chunk after a crash. */
    static void write(Path file, byte[] data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, data);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
