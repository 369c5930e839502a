package org.medcab.updatetools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * Signing keys and package signatures, as the gateway's updates bundle checks them: Ed25519 (or ECDSA P-256
 * with SHA-256) over the whole package file; public keys as Base64 X.509 SubjectPublicKeyInfo, private keys
 * as PKCS#8 PEM files readable by their owner only.
 */
public final class PackageSigner {
    private PackageSigner() {
    }

    /** A new key pair; {@code ec} for ECDSA P-256 instead of Ed25519. */
    public static KeyPair generate(boolean ec) throws GeneralSecurityException {
        if (ec) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        }
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Writes {@code dir/keyId.key} (PKCS#8 PEM, mode 600) and {@code dir/keyId.pub} (the trustedKeys entry). */
    public static String writeKeyPair(KeyPair pair, String keyId, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve(keyId + ".key");
        if (Files.exists(key)) {
            throw new IOException(key + " exists; not overwriting a private key");
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createFile(key);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions protect it.
        }
        Files.writeString(key, pem);
        String trusted = trustedKeyEntry(keyId, pair);
        Files.writeString(dir.resolve(keyId + ".pub"), trusted + "\n");
        return trusted;
    }

    /** The gateway's {@code trustedKeys} entry for this key: {@code keyId=BASE64}. */
    public static String trustedKeyEntry(String keyId, KeyPair pair) {
        return keyId + "=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static PrivateKey readPrivateKey(Path pemFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(pemFile);
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(spec);
        } catch (GeneralSecurityException notEd25519) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    /**
     * Signs a package.
     *
     * @return what cmd/deploy needs: package, version, sha256, signature {keyId, value}
     */
    public static JsonObject sign(Path dp, PrivateKey key, String keyId) throws IOException, GeneralSecurityException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            manifest = in.getManifest();
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName");
        String version = manifest == null ? null : manifest.getMainAttributes().getValue("DeploymentPackage-Version");
        if (name == null || version == null) {
            throw new IOException(dp + " is not a deployment package (no DeploymentPackage-SymbolicName/-Version)");
        }
        Signature signer = Signature.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519");
        signer.initSign(key);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(dp)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                signer.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
            }
        }
        JsonObject out = new JsonObject();
        out.addProperty("package", name.trim());
        out.addProperty("version", version.trim());
        out.addProperty("sha256", HexFormat.of().formatHex(sha256.digest()));
        JsonObject signature = new JsonObject();
        signature.addProperty("keyId", keyId);
        signature.addProperty("value", Base64.getEncoder().encodeToString(signer.sign()));
        out.add("signature", signature);
        return out;
    }

    static String pretty(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o);
    }
}
