package org.medcab.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Bundles and deployment packages made by the update tests: a shipped bundle with a new version (or a
 * broken import), a bundle with a failing component, packages of them, and their signatures.
 */
final class DeploymentPackages {
    private DeploymentPackages() {
    }

    /** The bundle with its manifest changed: {@code headers} set (a null value removes a header), entries added. */
    static byte[] rewrite(byte[] bundle, Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Manifest m = new Manifest(in.getManifest());
            headers.forEach((k, v) -> {
                if (v == null) {
                    m.getMainAttributes().remove(new Attributes.Name(k));
                } else {
                    m.getMainAttributes().putValue(k, v);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(out, m)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    jar.putNextEntry(new JarEntry(e.getKey()));
                    jar.write(e.getValue());
                    jar.closeEntry();
                }
            }
            return out.toByteArray();
        }
    }

    /** A new bundle with the given headers and entries. */
    static byte[] bundle(String symbolicName, String version, Map<String, String> headers, Map<String, byte[]> entries)
            throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        m.getMainAttributes().putValue("Bundle-Version", version);
        headers.forEach(m.getMainAttributes()::putValue);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A deployment package of these bundles (OSGi Deployment Admin §114.3: manifest first, a section per bundle). */
    static byte[] dp(String name, String version, List<byte[]> bundles) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("DeploymentPackage-SymbolicName", name);
        m.getMainAttributes().putValue("DeploymentPackage-Version", version);
        String[] entryNames = new String[bundles.size()];
        for (int i = 0; i < bundles.size(); i++) {
            Attributes a;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundles.get(i)))) {
                a = in.getManifest().getMainAttributes();
            }
            Attributes section = new Attributes();
            String bsn = a.getValue("Bundle-SymbolicName").split(";")[0].trim();
            section.putValue("Bundle-SymbolicName", bsn);
            section.putValue("Bundle-Version", a.getValue("Bundle-Version"));
            entryNames[i] = "bundles/" + bsn + ".jar";
            m.getEntries().put(entryNames[i], section);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (int i = 0; i < bundles.size(); i++) {
                jar.putNextEntry(new JarEntry(entryNames[i]));
                jar.write(bundles.get(i));
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A bundle of one of the layout's shipped packages (packages/{name}.dp), by symbolic-name prefix of its entry. */
    static byte[] shippedBundle(String packageName, String symbolicName) throws IOException {
        java.nio.file.Path dp = GatewayBundles.layout().resolve("packages").resolve(packageName + ".dp");
        try (JarInputStream in = new JarInputStream(java.nio.file.Files.newInputStream(dp))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().startsWith(symbolicName)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(symbolicName + " is not in " + dp);
    }

    /** The bundles of a shipped package except the one whose entry starts with {@code symbolicName}. */
    private static List<byte[]> shippedBundlesBut(String packageName, String symbolicName) throws IOException {
        java.nio.file.Path dp = GatewayBundles.layout().resolve("packages").resolve(packageName + ".dp");
        List<byte[]> others = new java.util.ArrayList<>();
        try (JarInputStream in = new JarInputStream(java.nio.file.Files.newInputStream(dp))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().endsWith(".jar") && !e.getName().startsWith(symbolicName)) {
                    others.add(in.readAllBytes());
                }
            }
        }
        return others;
    }

    /**
     * A new version of a shipped package: its bundle with {@code Bundle-Version} set to the package's new version
     * and {@code headers} changed, plus {@code more} bundles.
     */
    static byte[] shippedPackageAt(String packageName, String symbolicName, String version, Map<String, String> headers,
                                   List<byte[]> more) throws IOException {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("Bundle-Version", version);
        List<byte[]> bundles = new java.util.ArrayList<>();
        bundles.add(rewrite(shippedBundle(packageName, symbolicName), h, Map.of()));
        // The package's other bundles come along unchanged: a bundle a new version leaves out is uninstalled.
        bundles.addAll(shippedBundlesBut(packageName, symbolicName));
        bundles.addAll(more);
        return dp(packageName, version, bundles);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 over the whole package, Base64: what medcab-sign writes. */
    static String sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(data);
        return Base64.getEncoder().encodeToString(s.sign());
    }
}
