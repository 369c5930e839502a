package org.medcab.updatetools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** keygen and sign as IT runs them; the signature verifies with the public key as a gateway configures it. */
class SignMainTest {
    @TempDir
    Path dir;

    private Path dp() throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("DeploymentPackage-SymbolicName", "org.medcab.feature.rules");
        m.getMainAttributes().putValue("DeploymentPackage-Version", "0.2.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JarOutputStream(out, m).close();
        Path p = dir.resolve("rules.dp");
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void keygenThenSignGivesASignatureTheTrustedKeyVerifies() throws Exception {
        for (boolean ec : new boolean[] {false, true}) {
            String id = ec ? "it-ec" : "it-ed";
            assertEquals(0, SignMain.run(ec ? new String[] {"keygen", "--id", id, "--dir", dir.toString(), "--ec"}
                    : new String[] {"keygen", "--id", id, "--dir", dir.toString()}));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(id + ".key"))));
            Path dp = dp();
            assertEquals(0, SignMain.run(new String[] {"sign", "--key", dir.resolve(id + ".key").toString(), dp.toString()}));
            JsonObject sig = JsonParser.parseString(Files.readString(dir.resolve("rules.dp.sig"))).getAsJsonObject();
            assertEquals("org.medcab.feature.rules", sig.get("package").getAsString());
            assertEquals("0.2.0", sig.get("version").getAsString());
            byte[] bytes = Files.readAllBytes(dp);
            assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
                    sig.get("sha256").getAsString());
            assertEquals(id, sig.getAsJsonObject("signature").get("keyId").getAsString());
            assertTrue(!Files.readString(dir.resolve("rules.dp.sig")).contains("\\u003d"), "signature file escapes =");

            String entry = Files.readString(dir.resolve(id + ".pub")).trim();
            assertTrue(entry.startsWith(id + "="));
            PublicKey key = KeyFactory.getInstance(ec ? "EC" : "Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(entry.substring(id.length() + 1))));
            Signature v = Signature.getInstance(ec ? "SHA256withECDSA" : "Ed25519");
            v.initVerify(key);
            v.update(bytes);
            assertTrue(v.verify(Base64.getDecoder().decode(sig.getAsJsonObject("signature").get("value").getAsString())));
            bytes[bytes.length - 1] ^= 1;
            v.initVerify(key);
            v.update(bytes);
            assertTrue(!v.verify(Base64.getDecoder().decode(sig.getAsJsonObject("signature").get("value").getAsString())));
        }
    }

    @Test
    void refusesToOverwriteAKeyAndToSignSomethingElse() throws Exception {
        assertEquals(0, SignMain.run(new String[] {"keygen", "--id", "k", "--dir", dir.toString()}));
        assertThrows(IOException.class, () -> SignMain.run(new String[] {"keygen", "--id", "k", "--dir", dir.toString()}));
        Path notDp = Files.writeString(dir.resolve("x.dp"), "not a package");
        assertThrows(IOException.class, () -> SignMain.run(new String[] {"sign", "--key", dir.resolve("k.key").toString(), notDp.toString()}));
        assertThrows(IllegalArgumentException.class, () -> SignMain.run(new String[] {"keygen", "--id", "bad id"}));
    }
}
