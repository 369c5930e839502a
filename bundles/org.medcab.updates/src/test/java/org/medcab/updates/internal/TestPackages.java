package org.medcab.updates.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small deployment packages and signatures for the unit tests. */
final class TestPackages {
    private TestPackages() {
    }

    /** A deployment package holding one tiny bundle. */
    static byte[] dp(String name, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(PackageManifest.NAME, name);
        m.getMainAttributes().putValue(PackageManifest.VERSION, version);
        Attributes entry = new Attributes();
        entry.putValue("Bundle-SymbolicName", "test.bundle");
        entry.putValue("Bundle-Version", version);
        m.getEntries().put("test.bundle.jar", entry);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new JarEntry("test.bundle.jar"));
            jar.write(new byte[2000]);
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    static String sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519");
        s.initSign(key);
        s.update(data);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    static String trusted(String id, KeyPair pair) {
        return id + "=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    static Path write(Path dir, String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(data);
        }
        return p;
    }
}
