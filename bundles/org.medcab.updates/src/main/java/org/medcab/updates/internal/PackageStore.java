package org.medcab.updates.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The bundle's data area: a copy of the last good version of every package (what a rollback and a
 * crash recovery reinstall), and the journal of the install in progress. Every file is written under a
 * temporary name and moved into place, so a crash leaves the old file or the new one, never half.
 *
 * <pre>
 * packages/{name}.dp     the last good package file
 * packages/{name}.json   {version, sha256, keyId, signature, source}
 * journal.json           {package, version, previous}: an install was in progress
 * </pre>
 */
final class PackageStore {
    private final Path dataArea;
    private final Path packages;
    private final Path journal;

    PackageStore(Path dataArea) throws IOException {
        this.dataArea = dataArea;
        this.packages = Files.createDirectories(dataArea.resolve("packages"));
        this.journal = dataArea.resolve("journal.json");
    }

    Path dataArea() {
        return dataArea;
    }

    /** A kept package: its file and what is known about it. */
    record Kept(Path file, String version, String sha256, String keyId, String signature, String source) {
    }

    Kept lastGood(String name) throws IOException {
        Path meta = packages.resolve(name + ".json");
        if (!Files.exists(meta)) {
            return null;
        }
        JsonObject m = JsonParser.parseString(Files.readString(meta)).getAsJsonObject();
        return new Kept(packages.resolve(name + ".dp"), m.get("version").getAsString(), m.get("sha256").getAsString(),
                string(m, "keyId"), string(m, "signature"), m.get("source").getAsString());
    }

    /** Records the file as the package's last good version (copies it; the source file stays). */
    void keep(String name, Path file, String version, String sha256, String keyId, String signature, String source)
            throws IOException {
        Path dp = packages.resolve(name + ".dp");
        Path tmp = packages.resolve(name + ".dp.tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        JsonObject m = new JsonObject();
        m.addProperty("version", version);
        m.addProperty("sha256", sha256);
        m.addProperty("keyId", keyId);
        m.addProperty("signature", signature);
        m.addProperty("source", source);
        ChunkTransfers.write(packages.resolve(name + ".json"), m.toString().getBytes(StandardCharsets.UTF_8));
    }

    void forget(String name) throws IOException {
        Files.deleteIfExists(packages.resolve(name + ".json"));
        Files.deleteIfExists(packages.resolve(name + ".dp"));
    }

    /** An install is about to touch the framework. */
    void beginInstall(String name, String version, String previousVersion) throws IOException {
        JsonObject j = new JsonObject();
        j.addProperty("package", name);
        j.addProperty("version", version);
        j.addProperty("previous", previousVersion);
        ChunkTransfers.write(journal, j.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The install ended: kept, or rolled back. */
    void endInstall() throws IOException {
        Files.deleteIfExists(journal);
    }

    /** The install a crash interrupted, or null. */
    JsonObject interruptedInstall() throws IOException {
        if (!Files.exists(journal)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(journal)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("update journal " + journal + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }
}
