package org.medcab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkSettingsTest {
    @TempDir
    Path home;

    private FrameworkSettings load(String file, String... args) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve(FrameworkSettings.PROPERTIES_FILE), file);
        return FrameworkSettings.load(LauncherOptions.parse(args, home, Path.of("/work")));
    }

    @Test
    void foldersOfTheFileAreTakenFromTheLayout() throws IOException {
        FrameworkSettings s = load("""
                medcab.config.dir=config
                medcab.deploy.dir=deploy
                org.osgi.framework.storage=var/osgi
                felix.fileinstall.dir=${medcab.deploy.dir},${medcab.config.dir}
                felix.fileinstall.tmpdir=var/fileinstall
                """);
        Map<String, String> p = s.frameworkProperties();
        assertEquals(home.resolve("var/osgi").toString(), p.get("org.osgi.framework.storage"));
        assertEquals(home.resolve("deploy") + "," + home.resolve("config"), p.get("felix.fileinstall.dir"));
        assertEquals(home.resolve("var/fileinstall").toString(), p.get("felix.fileinstall.tmpdir"));
        assertEquals(home.resolve("config"), s.configDir());
        assertEquals(home.resolve("bundles"), s.bundles());
        assertFalse(p.containsKey("org.osgi.framework.storage.clean"));
    }

    @Test
    void commandLineFoldersReplaceTheFilesAndReachFileInstall() throws IOException {
        FrameworkSettings s = load("""
                felix.fileinstall.dir=${medcab.deploy.dir},${medcab.config.dir}
                felix.fileinstall.poll=1000
                """, "--config", "/run/config", "--storage", "/run/storage", "--clean",
                "--set", "felix.fileinstall.poll=200");
        Map<String, String> p = s.frameworkProperties();
        assertEquals(home.resolve("deploy") + ",/run/config", p.get("felix.fileinstall.dir"));
        assertEquals("/run/storage", p.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", p.get("org.osgi.framework.storage.clean"));
        assertEquals("200", p.get("felix.fileinstall.poll"));
    }

    @Test
    void loggingSettingsBecomeSystemPropertiesNotFrameworkProperties() throws IOException {
        String key = "org.slf4j.simpleLogger.log.org.medcab.test" + System.nanoTime();
        FrameworkSettings s = load(key + "=debug\n");
        assertFalse(s.frameworkProperties().containsKey(key));
        s.applyLoggingSystemProperties();
        try {
            assertEquals("debug", System.getProperty(key));
            assertEquals("System.out", System.getProperty("org.slf4j.simpleLogger.logFile"));
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aMissingFileOrABadReferenceIsExplained() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> FrameworkSettings.load(LauncherOptions.parse(new String[0], home, home)));
        assertTrue(missing.getMessage().contains("conf/framework.properties"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> load("a=${no.such.property.anywhere}\n"));
        assertTrue(unknown.getMessage().contains("no.such.property.anywhere"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load("a=${b}\nb=${a}\n"));
    }
}
