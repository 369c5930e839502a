package org.medcab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    private static final Path HOME = Path.of("/opt/medcab");
    private static final Path CWD = Path.of("/home/tech");

    @Test
    void noArgumentsLeavesTheLayoutDefaults() {
        LauncherOptions o = LauncherOptions.parse(new String[0], HOME, CWD);
        assertEquals(HOME, o.home());
        assertNull(o.config());
        assertNull(o.deploy());
        assertNull(o.storage());
        assertFalse(o.clean());
        assertEquals(Map.of(), o.overrides());
    }

    @Test
    void relativeFoldersAreTakenFromTheCallersDirectory() {
        LauncherOptions o = LauncherOptions.parse(
                new String[] {"--config", "run/config", "--storage", "/var/lib/medcab", "--deploy", "../d", "--clean"},
                HOME, CWD);
        assertEquals(Path.of("/home/tech/run/config"), o.config());
        assertEquals(Path.of("/var/lib/medcab"), o.storage());
        assertEquals(Path.of("/home/d"), o.deploy());
        assertTrue(o.clean());
    }

    @Test
    void setKeepsEverythingAfterTheFirstEqualsSign() {
        LauncherOptions o = LauncherOptions.parse(
                new String[] {"--set", "felix.fileinstall.poll=250", "--set", "filter=(a=b)"}, HOME, CWD);
        assertEquals(Map.of("felix.fileinstall.poll", "250", "filter", "(a=b)"), o.overrides());
    }

    @Test
    void mistakesAreRefusedWithTheOptionNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(new String[] {"--confg", "x"}, HOME, CWD));
        assertTrue(unknown.getMessage().contains("--confg"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(new String[] {"--config"}, HOME, CWD));
        assertTrue(missing.getMessage().contains("--config needs a value"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(new String[] {"--config", "--clean"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(new String[] {"--set", "novalue"}, HOME, CWD));
        assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(new String[0], null, CWD));
    }
}
