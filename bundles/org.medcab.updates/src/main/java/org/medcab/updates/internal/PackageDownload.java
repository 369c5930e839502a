package org.medcab.updates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntConsumer;

/**
 * Fetches a package over http or https into a staging file, hashing it while it streams and stopping at
 * the size limit. Plain http is acceptable only because the package is checked against its signed digest
 * before anything is installed; https is preferred.
 */
final class PackageDownload {
    private final long maxBytes;
    private final int timeoutMillis;

    PackageDownload(long maxBytes, int timeoutMillis) {
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @param percent told the download's progress in whole percent (when the server gives a length)
     * @return the SHA-256 of what was written, lower-case hex
     * @throws IOException with a message for the HIS when the server fails or the package is too large
     */
    String fetch(URI uri, Path target, IntConsumer percent) throws IOException {
        URL url = uri.toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setInstanceFollowRedirects(false); // a redirect could leave the allowed prefixes
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("download of " + uri + " answered HTTP " + status);
            }
            long length = connection.getContentLengthLong();
            if (length > maxBytes) {
                throw new IOException("package is " + length + " bytes, more than maxPackageBytes " + maxBytes);
            }
            MessageDigest sha256 = sha256();
            try (InputStream in = new DigestInputStream(connection.getInputStream(), sha256);
                 OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int reported = -1;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException("package is larger than maxPackageBytes " + maxBytes);
                    }
                    out.write(buffer, 0, n);
                    if (length > 0) {
                        int now = (int) (total * 100 / length);
                        if (now / 10 != reported / 10) {
                            reported = now;
                            percent.accept(now);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        } finally {
            connection.disconnect();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
