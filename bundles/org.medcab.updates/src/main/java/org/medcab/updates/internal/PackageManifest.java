package org.medcab.updates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * The identity of a deployment package file, read before the framework sees it: its manifest must come
 * first (OSGi Deployment Admin §114.3) and name the package and its version, and every entry must be
 * readable to the end, so a truncated or corrupt archive is refused without touching the framework.
 */
record PackageManifest(String name, String version, boolean fixPack) {
    static final String NAME = "DeploymentPackage-SymbolicName";
    static final String VERSION = "DeploymentPackage-Version";
    static final String FIX_PACK = "DeploymentPackage-FixPack";

    /** @throws IOException with a message for the HIS when the file is not a readable deployment package */
    static PackageManifest read(Path file) throws IOException {
        try {
            return parse(file);
        } catch (NotAPackage e) {
            throw new IOException(e.getMessage());
        } catch (IOException | SecurityException e) {
            throw new IOException("corrupt package archive: " + e.getMessage(), e);
        }
    }

    private static final class NotAPackage extends Exception {
        private static final long serialVersionUID = 1L;

        NotAPackage(String message) {
            super(message);
        }
    }

    private static PackageManifest parse(Path file) throws IOException, NotAPackage {
        try (InputStream raw = Files.newInputStream(file); JarInputStream jar = new JarInputStream(raw, true)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new NotAPackage("not a deployment package: no manifest at its start");
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue(NAME);
            String version = main.getValue(VERSION);
            if (name == null || version == null) {
                throw new NotAPackage("not a deployment package: manifest lacks " + NAME + " or " + VERSION);
            }
            // Reading every entry to its end checks each entry's CRC and the archive's structure.
            for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                jar.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new PackageManifest(name.trim(), version.trim(), main.getValue(FIX_PACK) != null);
        }
    }
}
