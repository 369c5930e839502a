package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {
    @TempDir
    Path dir;

    @Test
    void ed25519AndP256SignaturesOfTheWholeFileAreAccepted() throws Exception {
        KeyPair ed = TestPackages.ed25519();
        KeyPair ec = TestPackages.p256();
        TrustedKeys keys = TrustedKeys.parse(new String[] {TestPackages.trusted("it-1", ed), TestPackages.trusted("it-2", ec)});
        assertEquals(Set.of("it-1", "it-2"), keys.ids());
        byte[] dp = TestPackages.dp("org.medcab.feature.rules", "1.0.0");
        Path file = TestPackages.write(dir, "p.dp", dp);
        assertNull(keys.check(file, "it-1", TestPackages.sign(ed.getPrivate(), dp)));
        assertNull(keys.check(file, "it-2", TestPackages.sign(ec.getPrivate(), dp)));
    }

    @Test
    void tamperedPackageIsRefused() throws Exception {
        KeyPair ed = TestPackages.ed25519();
        TrustedKeys keys = TrustedKeys.parse(new String[] {TestPackages.trusted("it-1", ed)});
        byte[] dp = TestPackages.dp("p", "1.0.0");
        String signature = TestPackages.sign(ed.getPrivate(), dp);
        dp[dp.length / 2] ^= 1;
        Path file = TestPackages.write(dir, "p.dp", dp);
        assertTrue(keys.check(file, "it-1", signature).contains("does not match"));
    }

    @Test
    void signatureByAnUntrustedKeyIsRefused() throws Exception {
        KeyPair trusted = TestPackages.ed25519();
        KeyPair stranger = TestPackages.ed25519();
        TrustedKeys keys = TrustedKeys.parse(new String[] {TestPackages.trusted("it-1", trusted)});
        byte[] dp = TestPackages.dp("p", "1.0.0");
        Path file = TestPackages.write(dir, "p.dp", dp);
        // Signed by a stranger but claiming the trusted key id.
        assertTrue(keys.check(file, "it-1", TestPackages.sign(stranger.getPrivate(), dp)).contains("does not match"));
        // Naming a key id the gateway does not have.
        assertTrue(keys.check(file, "other", TestPackages.sign(stranger.getPrivate(), dp)).contains("not trusted"));
    }

    @Test
    void garbageSignaturesAreRefusedNotThrown() throws Exception {
        KeyPair ec = TestPackages.p256();
        TrustedKeys keys = TrustedKeys.parse(new String[] {TestPackages.trusted("ec", ec)});
        Path file = TestPackages.write(dir, "p.dp", TestPackages.dp("p", "1.0.0"));
        assertTrue(keys.check(file, "ec", "AAAAAAAAAAAAAAAAAAAAAA==").contains("not valid"));
        assertTrue(keys.check(file, "ec", "not base64 at all!").contains("not Base64"));
    }

    @Test
    void badConfigurationNamesTheEntry() {
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> TrustedKeys.parse(new String[] {"MCowBQYDK2VwAyEA"}));
        assertTrue(noId.getMessage().contains("keyId=BASE64"));
        IllegalArgumentException notAKey = assertThrows(IllegalArgumentException.class,
                () -> TrustedKeys.parse(new String[] {"k1=AAAA"}));
        assertTrue(notAKey.getMessage().contains("k1"));
    }
}
