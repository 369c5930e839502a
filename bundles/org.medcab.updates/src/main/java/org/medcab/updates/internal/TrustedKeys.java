package org.medcab.updates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The public keys the cabinet accepts package signatures from, by key id. A signature is Ed25519 or
 * ECDSA P-256 (SHA-256, DER-encoded) over the whole package file, made with the JDK's own providers.
 */
final class TrustedKeys {
    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = keys;
    }

    /**
     * Parses {@code keyId=BASE64} entries.
     *
     * @throws IllegalArgumentException naming the entry that is not a usable key
     */
    static TrustedKeys parse(String[] entries) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("trusted key '" + entry + "' is not keyId=BASE64");
            }
            String id = entry.substring(0, eq).trim();
            try {
                keys.put(id, publicKey(Base64.getDecoder().decode(entry.substring(eq + 1).trim())));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new IllegalArgumentException("trusted key " + id + " is not an Ed25519 or EC public key: "
                        + e.getMessage(), e);
            }
        }
        return new TrustedKeys(keys);
    }

    static PublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(subjectPublicKeyInfo);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(spec);
        } catch (GeneralSecurityException notEd25519) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    Set<String> ids() {
        return keys.keySet();
    }

    /**
     * Checks a detached signature over the file.
     *
     * @return null when it is valid, otherwise why not
     */
    String check(Path file, String keyId, String signatureBase64) throws IOException {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            return "signing key '" + keyId + "' is not trusted by this gateway";
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return "signature is not Base64";
        }
        try {
            Signature verifier = Signature.getInstance(algorithm(key));
            verifier.initVerify(key);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    verifier.update(buffer, 0, n);
                }
            }
            return verifier.verify(signature) ? null : "signature does not match the package (key " + keyId + ")";
        } catch (GeneralSecurityException e) {
            // A malformed ECDSA signature throws instead of returning false.
            return "signature is not valid for key " + keyId + ": " + e.getMessage();
        }
    }

    /** The signature algorithm for a key: what medcab-sign uses for it. */
    static String algorithm(java.security.Key key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "Ed25519";
    }
}
