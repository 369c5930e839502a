package org.medcab.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.medcab.mqtt}: how the gateway reaches the hospital's MQTT broker. */
@ObjectClassDefinition(id = MqttLinkComponent.PID, name = "medcab MQTT link",
        description = "Connection of this cabinet gateway to the hospital information system's MQTT broker (MQTT 3.1.1,"
                + " QoS 1, persistent session). Site, gateway and zone ids become topic levels and must not contain"
                + " '/', '+' or '#'.")
@interface MqttLinkConfig {
    @AttributeDefinition(name = "Broker URL", description = "tcp://host:port, or ssl://host:port for TLS 1.3/1.2")
    String brokerUrl() default "tcp://localhost:1883";

    @AttributeDefinition(name = "Client id", required = false,
            description = "MQTT client id; empty means \"medcab-\" followed by the gateway id. Must be unique on the broker.")
    String clientId() default "";

    @AttributeDefinition(name = "Site id", description = "Hospital site; second topic level")
    String site() default "site1";

    @AttributeDefinition(name = "Gateway id", description = "This cabinet; third topic level")
    String gateway() default "cabinet1";

    @AttributeDefinition(name = "User name", required = false, description = "Empty for an anonymous connection")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "TLS trust store", required = false,
            description = "Path of a PKCS12 or JKS store with the CA certificates that sign the broker's certificate;"
                    + " empty uses the JVM's CAs. Only for ssl:// URLs.")
    String tlsTrustStore() default "";

    @AttributeDefinition(name = "TLS trust store password", type = AttributeType.PASSWORD, required = false)
    String tlsTrustStorePassword() default "";

    @AttributeDefinition(name = "TLS key store", required = false,
            description = "Path of a PKCS12 or JKS store with the gateway's client certificate and key, if the broker"
                    + " asks for one")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", type = AttributeType.PASSWORD, required = false)
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "TLS required", required = false,
            description = "Refuse plain connections: a tcp:// broker URL, or a TLS store that cannot be loaded, stops the"
                    + " link at configuration (ERROR logged) instead of connecting unencrypted")
    boolean tlsRequired() default false;

    @AttributeDefinition(name = "Keep-alive (s)", min = "1", max = "65535",
            description = "The broker sends the death message when it has heard nothing for 1.5 times this")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Topic prefix", description = "First topic level(s)")
    String topicPrefix() default "medcab";

    @AttributeDefinition(name = "Outbox bound (messages)", min = "1",
            description = "Messages the durable outbox holds while the broker is away before it drops the oldest routine"
                    + " messages (health). Urgent, record and latest messages are kept beyond it, with an error logged.")
    int outboxMaxMessages() default 100_000;

    @AttributeDefinition(name = "Outbox bound (bytes)", min = "1",
            description = "Bytes of stored messages with the same policy as the message bound")
    long outboxMaxBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Health interval (s)", min = "1",
            description = "How often the health message (connection, outbox depth and age) is sent")
    int healthIntervalSeconds() default 60;

    @AttributeDefinition(name = "Command size limit (bytes)", min = "1024",
            description = "A cmd/* message larger than this is rejected unread with an error reply, never truncated")
    int commandMaxPayloadBytes() default CommandSettings.DEFAULT_MAX_PAYLOAD_BYTES;

    @AttributeDefinition(name = "Request id retention (days)", min = "1",
            description = "How long a handled request id is remembered: a redelivery or resend within this time is"
                    + " answered with the stored reply and not applied again")
    int commandRequestRetentionDays() default 7;

    @AttributeDefinition(name = "Request ids remembered", min = "1",
            description = "At most this many request ids are remembered; beyond it the oldest handled ones are forgotten")
    int commandRequestLogLimit() default CommandSettings.DEFAULT_LOG_LIMIT;
}
