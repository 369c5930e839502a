package org.medcab.mqtt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the MQTT link needs to know, validated once. Built with {@link #builder}; the OSGi
 * component fills it from configuration {@code org.medcab.mqtt}, anything else (demo, benchmarks)
 * fills it directly. {@link #toString()} never shows a password.
 */
public final class LinkSettings {
    private final String brokerUrl;
    private final String clientId;
    private final String site;
    private final String gateway;
    private final String username;
    private final String password;
    private final Path trustStore;
    private final String trustStorePassword;
    private final Path keyStore;
    private final String keyStorePassword;
    private final boolean tlsRequired;
    private final int keepAliveSeconds;
    private final String topicPrefix;
    private final Duration reconnectDelayMin;
    private final Duration reconnectDelayMax;
    private final int outboxMaxMessages;
    private final long outboxMaxBytes;
    private final Duration healthInterval;

    private LinkSettings(Builder b) {
        brokerUrl = requireBrokerUrl(b.brokerUrl);
        site = TopicLevels.require("site id", b.site);
        gateway = TopicLevels.require("gateway id", b.gateway);
        clientId = blank(b.clientId) ? "medcab-" + gateway : b.clientId;
        username = blank(b.username) ? null : b.username;
        password = blank(b.password) ? null : b.password;
        if (password != null && username == null) {
            // MQTT 3.1.1 forbids a password without a user name; the broker would refuse the connection.
            throw new IllegalArgumentException("an MQTT password is configured without a username");
        }
        trustStore = b.trustStore;
        trustStorePassword = b.trustStorePassword;
        keyStore = b.keyStore;
        keyStorePassword = b.keyStorePassword;
        tlsRequired = b.tlsRequired;
        if (tlsRequired) {
            requireTls();
        }
        if (b.keepAliveSeconds < 1 || b.keepAliveSeconds > 65535) {
            // 0 would switch keep-alive off: a dead link would never be noticed and the will never sent.
            throw new IllegalArgumentException("keepAliveSeconds must be 1..65535, not " + b.keepAliveSeconds);
        }
        keepAliveSeconds = b.keepAliveSeconds;
        topicPrefix = requirePrefix(b.topicPrefix);
        if (b.reconnectDelayMin.isNegative() || b.reconnectDelayMin.isZero()
                || b.reconnectDelayMax.compareTo(b.reconnectDelayMin) < 0) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 < min <= max");
        }
        reconnectDelayMin = b.reconnectDelayMin;
        reconnectDelayMax = b.reconnectDelayMax;
        if (b.outboxMaxMessages < 1) {
            throw new IllegalArgumentException("outboxMaxMessages must be positive, not " + b.outboxMaxMessages);
        }
        outboxMaxMessages = b.outboxMaxMessages;
        if (b.outboxMaxBytes < 1) {
            throw new IllegalArgumentException("outboxMaxBytes must be positive, not " + b.outboxMaxBytes);
        }
        outboxMaxBytes = b.outboxMaxBytes;
        if (b.healthInterval.isNegative() || b.healthInterval.isZero()) {
            throw new IllegalArgumentException("healthIntervalSeconds must be positive, not " + b.healthInterval.toSeconds());
        }
        healthInterval = b.healthInterval;
    }

    /** Starts settings for a broker ({@code tcp://host:port} or {@code ssl://host:port}), site and gateway. */
    public static Builder builder(String brokerUrl, String site, String gateway) {
        return new Builder(brokerUrl, site, gateway);
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public String clientId() {
        return clientId;
    }

    public String site() {
        return site;
    }

    public String gateway() {
        return gateway;
    }

    /** The user name, or {@code null} for an anonymous connection. */
    public String username() {
        return username;
    }

    /** The password, or {@code null}. Never log it. */
    String password() {
        return password;
    }

    public Path trustStore() {
        return trustStore;
    }

    String trustStorePassword() {
        return trustStorePassword;
    }

    public Path keyStore() {
        return keyStore;
    }

    String keyStorePassword() {
        return keyStorePassword;
    }

    /** True when plain connections are refused: only an {@code ssl://} URL with loadable TLS stores is accepted. */
    public boolean tlsRequired() {
        return tlsRequired;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public Duration reconnectDelayMin() {
        return reconnectDelayMin;
    }

    public Duration reconnectDelayMax() {
        return reconnectDelayMax;
    }

    public int outboxMaxMessages() {
        return outboxMaxMessages;
    }

    public long outboxMaxBytes() {
        return outboxMaxBytes;
    }

    public Duration healthInterval() {
        return healthInterval;
    }

    /** True when the broker URL asks for TLS. */
    public boolean usesTls() {
        return brokerUrl.startsWith("ssl://");
    }

    /** {@code {prefix}/{site}/{gateway}}: the level every topic of this gateway starts with. */
    public String topicRoot() {
        return topicPrefix + "/" + site + "/" + gateway;
    }

    @Override
    public String toString() {
        return "brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", site=" + site + ", gateway=" + gateway
                + ", username=" + (username == null ? "(anonymous)" : username)
                + ", password=" + (password == null ? "(none)" : "(set)")
                + ", tlsTrustStore=" + (trustStore == null ? "(JVM default)" : trustStore)
                + ", tlsKeyStore=" + (keyStore == null ? "(none)" : keyStore)
                + ", tlsRequired=" + tlsRequired
                + ", keepAliveSeconds=" + keepAliveSeconds + ", topicPrefix=" + topicPrefix
                + ", outboxMaxMessages=" + outboxMaxMessages + ", outboxMaxBytes=" + outboxMaxBytes
                + ", healthIntervalSeconds=" + healthInterval.toSeconds();
    }

    private void requireTls() {
        if (!usesTls()) {
            throw new IllegalArgumentException("tlsRequired is set, so brokerUrl '" + brokerUrl
                    + "' is refused: it is not encrypted; use ssl://host[:port]");
        }
        // A store password without its store is most likely a misspelt store key: the store would be left out.
        if (trustStore == null && !blank(trustStorePassword)) {
            throw new IllegalArgumentException("tlsRequired is set and a tlsTrustStorePassword is configured without a tlsTrustStore");
        }
        if (keyStore == null && !blank(keyStorePassword)) {
            throw new IllegalArgumentException("tlsRequired is set and a tlsKeyStorePassword is configured without a tlsKeyStore");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String requireBrokerUrl(String url) {
        if (blank(url)) {
            throw new IllegalArgumentException("brokerUrl is empty");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("tcp://") && !lower.startsWith("ssl://")) {
            throw new IllegalArgumentException("brokerUrl '" + url + "' must start with tcp:// or ssl://");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new URISyntaxException(url, "no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl '" + url + "' is not tcp://host[:port] or ssl://host[:port]: "
                    + e.getMessage());
        }
        return lower.substring(0, 6) + url.substring(6);
    }

    private static String requirePrefix(String prefix) {
        if (blank(prefix) || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("topicPrefix '" + prefix + "' must be non-empty without a leading or trailing '/'");
        }
        // The prefix may span several levels ("hospital/medcab"), each of them a valid level.
        for (String level : prefix.split("/", -1)) {
            TopicLevels.require("topicPrefix level", level);
        }
        return prefix;
    }

    /** Collects settings; every value but broker, site and gateway has a default. */
    public static final class Builder {
        private final String brokerUrl;
        private final String site;
        private final String gateway;
        private String clientId = "";
        private String username;
        private String password;
        private Path trustStore;
        private String trustStorePassword;
        private Path keyStore;
        private String keyStorePassword;
        private boolean tlsRequired;
        private int keepAliveSeconds = 30;
        private String topicPrefix = "medcab";
        private Duration reconnectDelayMin = Duration.ofSeconds(1);
        private Duration reconnectDelayMax = Duration.ofSeconds(30);
        private int outboxMaxMessages = 100_000;
        private long outboxMaxBytes = 64L * 1024 * 1024;
        private Duration healthInterval = Duration.ofSeconds(60);

        private Builder(String brokerUrl, String site, String gateway) {
            this.brokerUrl = brokerUrl;
            this.site = site;
            this.gateway = gateway;
        }

        /** The MQTT client id; blank means {@code "medcab-" + gateway}. */
        public Builder clientId(String id) {
            clientId = id;
            return this;
        }

        /** User name and password; blank means none. */
        public Builder credentials(String user, String secret) {
            username = user;
            password = secret;
            return this;
        }

        /** Trust store (JKS or PKCS12) with the CA(s) that sign the broker's certificate; null for the JVM's. */
        public Builder trustStore(Path store, String storePassword) {
            trustStore = store;
            trustStorePassword = storePassword;
            return this;
        }

        /** Key store (JKS or PKCS12) with the gateway's client certificate and key; null for none. */
        public Builder keyStore(Path store, String storePassword) {
            keyStore = store;
            keyStorePassword = storePassword;
            return this;
        }

        /**
         * Refuse plain connections: {@link #build()} then fails for a {@code tcp://} URL and for TLS stores
         * that cannot be loaded, instead of the link finding out when it connects.
         */
        public Builder tlsRequired(boolean required) {
            tlsRequired = required;
            return this;
        }

        public Builder keepAliveSeconds(int seconds) {
            keepAliveSeconds = seconds;
            return this;
        }

        public Builder topicPrefix(String prefix) {
            topicPrefix = prefix;
            return this;
        }

        /** Wait after a failed connection attempt: starts at min, doubles up to max. */
        public Builder reconnectDelay(Duration min, Duration max) {
            reconnectDelayMin = Objects.requireNonNull(min, "min");
            reconnectDelayMax = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Bounds of the durable outbox: beyond either, the oldest routine messages are dropped; urgent,
         * record and latest messages are kept beyond them (see {@link DurableOutbox}).
         */
        public Builder outboxBounds(int maxMessages, long maxBytes) {
            outboxMaxMessages = maxMessages;
            outboxMaxBytes = maxBytes;
            return this;
        }

        /** How often the health message is sent. */
        public Builder healthInterval(Duration interval) {
            healthInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public LinkSettings build() {
            LinkSettings settings = new LinkSettings(this);
            if (settings.tlsRequired) {
                // Loads the stores now, so a misconfigured one stops the configuration, not a later connection.
                TlsSockets.create(settings);
            }
            return settings;
        }
    }
}
