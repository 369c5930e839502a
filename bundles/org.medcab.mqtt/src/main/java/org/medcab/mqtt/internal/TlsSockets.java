package org.medcab.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for an {@code ssl://} broker: TLS 1.3 or 1.2 only, the broker's
 * certificate checked against the configured trust store (or the JVM's CAs when none is given),
 * and a client certificate from the key store when one is configured. The broker's host name is
 * checked against its certificate by Paho (HTTPS endpoint identification, on by default).
 */
final class TlsSockets {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsSockets() {
    }

    /** @throws IllegalArgumentException naming the store that cannot be loaded, and why */
    static SSLSocketFactory create(LinkSettings settings) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trusted = null;
            if (settings.trustStore() != null) {
                trusted = load("tlsTrustStore", settings.trustStore(), settings.trustStorePassword());
                // Without a CA certificate no broker can ever be trusted: say so now, not on every connection.
                require(trusted, trusted::isCertificateEntry, "tlsTrustStore", settings.trustStore(), "no CA certificate");
            }
            trust.init(trusted);
            KeyManagerFactory keys = null;
            if (settings.keyStore() != null) {
                KeyStore own = load("tlsKeyStore", settings.keyStore(), settings.keyStorePassword());
                require(own, own::isKeyEntry, "tlsKeyStore", settings.keyStore(), "no private key with its certificate");
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, chars(settings.keyStorePassword()));
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new ProtocolPinning(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, Path path, String password) {
        try {
            // The type (PKCS12 or JKS) is detected from the file.
            return KeyStore.getInstance(path.toFile(), chars(password));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // IllegalArgumentException: KeyStore's own word for a missing file.
            throw new IllegalArgumentException("cannot load " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    private interface EntryTest {
        boolean test(String alias) throws KeyStoreException;
    }

    private static void require(KeyStore store, EntryTest entry, String what, Path path, String missing)
            throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (entry.test(alias)) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " " + path + " holds " + missing);
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    /** Restricts every socket to TLS 1.3/1.2, whatever the JVM's defaults allow. */
    private static final class ProtocolPinning extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        ProtocolPinning(SSLSocketFactory delegate) {
            this.delegate = delegate;
            try {
                List<String> supported = Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
                protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }

        private Socket pin(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(protocols);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return pin(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return pin(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return pin(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return pin(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return pin(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return pin(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
