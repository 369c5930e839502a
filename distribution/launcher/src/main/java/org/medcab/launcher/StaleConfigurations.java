package org.medcab.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes, before any bundle starts, the stored configurations whose FileInstall file was deleted while the
 * gateway was stopped. FileInstall only notices deletions while it runs; without this, a reader a technician
 * took out of the config folder during a power-off would come back from ConfigurationAdmin's store and be
 * polled (and reported offline) forever. Configurations that never came from a file are kept.
 * <p>
 * Works on the files of Felix ConfigurationAdmin's store ({@code felix.cm.dir}), in its typed format, where
 * FileInstall records the origin as {@code felix.fileinstall.filename="file:/..."}.
 */
final class StaleConfigurations {
    static final String ORIGIN_KEY = "felix.fileinstall.filename";
    private static final String PID_KEY = "service.pid";

    private StaleConfigurations() {
    }

    /** @return the stored configurations removed (their pids) */
    static List<String> purge(Path store, ConsoleLog log) throws IOException {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        List<Path> stored;
        try (Stream<Path> files = Files.walk(store)) {
            stored = files.filter(f -> f.toString().endsWith(".config") && Files.isRegularFile(f)).toList();
        }
        List<String> removed = new ArrayList<>();
        for (Path f : stored) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            Optional<Path> origin = value(lines, ORIGIN_KEY).flatMap(StaleConfigurations::toPath);
            if (origin.isPresent() && !Files.exists(origin.get())) {
                String pid = value(lines, PID_KEY).orElse(f.getFileName().toString());
                Files.delete(f);
                removed.add(pid);
                log.info("removed configuration " + pid + ": its file " + origin.get() + " was deleted while the gateway was stopped");
            }
        }
        return removed;
    }

    private static Optional<Path> toPath(String origin) {
        try {
            return Optional.of(origin.startsWith("file:") ? Path.of(URI.create(origin)) : Path.of(origin));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a local file: not ours to judge
        }
    }

    /** The String value of {@code key="..."} in ConfigurationAdmin's typed file format, unescaped. */
    static Optional<String> value(List<String> lines, String key) {
        String prefix = key + "=\"";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                StringBuilder out = new StringBuilder();
                for (int i = prefix.length(); i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < line.length()) {
                        char next = line.charAt(++i);
                        if (next == 'u' && i + 4 < line.length()) {
                            try {
                                out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                            } catch (NumberFormatException e) {
                                return Optional.empty(); // not written by ConfigurationAdmin: leave it alone
                            }
                            i += 4;
                        } else {
                            out.append(next);
                        }
                    } else if (c == '"') {
                        return Optional.of(out.toString());
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
