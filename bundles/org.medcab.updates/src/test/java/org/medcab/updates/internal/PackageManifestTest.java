package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageManifestTest {
    @TempDir
    Path dir;

    @Test
    void readsNameAndVersion() throws Exception {
        PackageManifest m = PackageManifest.read(TestPackages.write(dir, "a.dp", TestPackages.dp("org.medcab.feature.rules", "0.2.0")));
        assertEquals("org.medcab.feature.rules", m.name());
        assertEquals("0.2.0", m.version());
        assertFalse(m.fixPack());
    }

    @Test
    void truncatedOrForeignFilesAreRefused() throws Exception {
        byte[] dp = TestPackages.dp("p", "1.0.0");
        Path cut = TestPackages.write(dir, "cut.dp", Arrays.copyOf(dp, dp.length - 200));
        IOException truncated = assertThrows(IOException.class, () -> PackageManifest.read(cut));
        assertTrue(truncated.getMessage().startsWith("corrupt package archive"), truncated.getMessage());
        Path text = TestPackages.write(dir, "text.dp", "hello, not a zip".getBytes());
        IOException e = assertThrows(IOException.class, () -> PackageManifest.read(text));
        assertTrue(e.getMessage().contains("not a deployment package"), e.getMessage());
    }
}
