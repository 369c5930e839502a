package org.medcab.his;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * How to reach the hospital's broker and which site to talk to; the options every subcommand takes.
 * Passwords come from files or the environment, never from the command line (the process list shows
 * it), and are never printed.
 */
public final class BrokerOptions {
    public static final String PASSWORD_ENV = "MEDCAB_HIS_PASSWORD";
    public static final String TLS_PASSWORD_ENV = "MEDCAB_HIS_TLS_PASSWORD";
    /** Options this class reads; a subcommand adds its own. */
    public static final Set<String> VALUED = Set.of("broker", "site", "prefix", "client-id", "user", "password-file",
            "tls-trust", "tls-key", "tls-password-file");
    public static final String USAGE = """
              --broker URL            tcp://host:port or ssl://host:port (TLS 1.3/1.2) [tcp://localhost:1883]
              --site S                the hospital site [site1]
              --prefix P              first topic level(s) [medcab]
              --client-id ID          MQTT client id [medcab-his-<random>]; watch: given = persistent session
              --user U                MQTT user name
              --password-file F       file whose first line is the password (or $MEDCAB_HIS_PASSWORD)
              --tls-trust F           PKCS12/JKS trust store with the broker's CA [the JVM's CAs]
              --tls-key F             PKCS12/JKS key store with this client's certificate (mutual TLS)
              --tls-password-file F   password of the stores (or $MEDCAB_HIS_TLS_PASSWORD)
            """;
    private static final Pattern LEVEL = Pattern.compile("[^/+#\\u0000]+");

    private final String broker;
    private final String site;
    private final String prefix;
    private final String clientId;
    private final boolean namedClient;
    private final String user;
    private final char[] password;
    private final Path trustStore;
    private final Path keyStore;
    private final char[] storePassword;

    private BrokerOptions(Options o, Console console) throws UsageException {
        broker = o.value("broker", "tcp://localhost:1883");
        String scheme = broker.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("tcp://") && !scheme.startsWith("ssl://")) {
            throw new UsageException("--broker must be tcp://host:port or ssl://host:port, not " + broker);
        }
        site = level("site", o.value("site", "site1"));
        prefix = o.value("prefix", "medcab");
        for (String level : prefix.split("/", -1)) {
            level("prefix", level);
        }
        namedClient = o.value("client-id").isPresent();
        clientId = o.value("client-id", "medcab-his-" + UUID.randomUUID().toString().substring(0, 8));
        user = o.value("user").orElse(null);
        password = secret(o.value("password-file").orElse(null), PASSWORD_ENV, "--password-file", console);
        if (password != null && user == null) {
            throw new UsageException("a password is given without --user (MQTT 3.1.1 does not allow that)");
        }
        trustStore = o.value("tls-trust").map(Path::of).orElse(null);
        keyStore = o.value("tls-key").map(Path::of).orElse(null);
        storePassword = secret(o.value("tls-password-file").orElse(null), TLS_PASSWORD_ENV, "--tls-password-file", console);
        if ((trustStore != null || keyStore != null) && !scheme.startsWith("ssl://")) {
            throw new UsageException("TLS stores are given but --broker " + broker + " is not ssl://");
        }
    }

    public static BrokerOptions from(Options o, Console console) throws UsageException {
        return new BrokerOptions(o, console);
    }

    /** Checks an id that becomes one topic level. */
    public static String level(String what, String value) throws UsageException {
        if (value == null || !LEVEL.matcher(value).matches()) {
            throw new UsageException("--" + what + " '" + value + "' is not a topic level (empty, or has '/', '+' or '#')");
        }
        return value;
    }

    public String broker() {
        return broker;
    }

    public String site() {
        return site;
    }

    /** {@code {prefix}/{site}}. */
    public String siteRoot() {
        return prefix + "/" + site;
    }

    public String prefix() {
        return prefix;
    }

    /** True when {@code --client-id} was given: the broker may keep a session for it. */
    public boolean namedClient() {
        return namedClient;
    }

    /**
     * Connects, with a clean session unless {@code persistent}. The callback is in place before the
     * connection, so what a persistent session kept for us is not lost on arrival.
     */
    public MqttClient connect(boolean persistent, MqttCallback callback) throws IOException {
        try {
            MqttClient client = new MqttClient(broker, clientId, new MemoryPersistence());
            client.setCallback(callback);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(!persistent);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (user != null) {
                options.setUserName(user);
            }
            if (password != null) {
                options.setPassword(password.clone());
            }
            if (broker.toLowerCase(Locale.ROOT).startsWith("ssl://")) {
                options.setSocketFactory(tls().getSocketFactory());
                // Paho checks the broker's host name against its certificate (on by default; stated to stay so).
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.connect(options);
            return client;
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + broker + " as " + clientId
                    + (user == null ? "" : " (user " + user + ")") + ": " + describe(e), e);
        }
    }

    /** Paho's message, with the cause that says what really happened (TLS, refused socket). */
    static String describe(MqttException e) {
        String text = e.getMessage() + " (reason " + e.getReasonCode() + ")";
        return e.getCause() == null ? text : text + ": " + e.getCause();
    }

    private SSLContext tls() throws IOException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load(trustStore));
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore), storePassword);
            }
            // TLS 1.3, falling back to 1.2; the JDK 17 defaults refuse anything older.
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private KeyStore load(Path store) throws IOException {
        try {
            return KeyStore.getInstance(store.toFile(), storePassword);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot load TLS store " + store + ": " + e.getMessage(), e);
        }
    }

    private static char[] secret(String file, String env, String option, Console console) throws UsageException {
        if (file != null) {
            try {
                String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
                if (line.isEmpty()) {
                    throw new UsageException(option + " " + file + " is empty");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new UsageException("cannot read " + option + " " + file + ": " + e.getMessage());
            }
        }
        String value = console.env().get(env);
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
