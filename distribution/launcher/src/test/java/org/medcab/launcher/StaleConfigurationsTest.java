package org.medcab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleConfigurationsTest {
    @TempDir
    Path dir;

    private Path stored(String name, String text) throws IOException {
        Path f = dir.resolve("store/org/medcab/rs485").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void onlyConfigurationsWhoseFileWasDeletedAreRemoved() throws IOException {
        Path config = Files.createDirectories(dir.resolve("my config"));
        Path kept = config.resolve("org.medcab.rs485.reader-r1.config");
        Files.writeString(kept, "id=\"r1\"\n");
        Path fromKeptFile = stored("reader%007er1.config", "address=I\"1\"\n"
                + "felix.fileinstall.filename=\"" + kept.toUri() + "\"\nservice.pid=\"org.medcab.rs485.reader~r1\"\n");
        Path fromDeletedFile = stored("reader%007er2.config", "address=I\"2\"\n"
                + "felix.fileinstall.filename=\"" + config.resolve("org.medcab.rs485.reader-r2.config").toUri()
                + "\"\nservice.pid=\"org.medcab.rs485.reader~r2\"\n");
        Path notFromAFile = stored("reader%007er3.config", "address=I\"3\"\nservice.pid=\"org.medcab.rs485.reader~r3\"\n");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> removed = StaleConfigurations.purge(dir.resolve("store"),
                new ConsoleLog("launcher", new PrintStream(console, true, StandardCharsets.UTF_8)));

        assertEquals(List.of("org.medcab.rs485.reader~r2"), removed);
        assertTrue(Files.exists(fromKeptFile));
        assertFalse(Files.exists(fromDeletedFile));
        assertTrue(Files.exists(notFromAFile));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("removed configuration org.medcab.rs485.reader~r2"));
    }

    @Test
    void readsEscapedValuesOfTheStoreFormat() {
        assertEquals(Optional.of("(bus.id=bus1) a\"b\u00fc"),
                StaleConfigurations.value(List.of("x=I\"1\"", "k=\"(bus.id\\=bus1)\\ a\\\"b\\u00fc\""), "k"));
        assertEquals(Optional.empty(), StaleConfigurations.value(List.of("k=I\"1\""), "k"));
        assertEquals(Optional.empty(), StaleConfigurations.value(List.of("k=\"\\uZZZZ\""), "k"));
    }

    @Test
    void noStoreYetIsNothingToDo() throws IOException {
        assertEquals(List.of(), StaleConfigurations.purge(dir.resolve("absent"), new ConsoleLog("launcher")));
    }
}
