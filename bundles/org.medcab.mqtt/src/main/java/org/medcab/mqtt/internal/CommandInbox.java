package org.medcab.mqtt.internal;

/**
 * Where the link hands every message that arrives on {@code {root}/cmd/{name}}. The link subscribes
 * to {@code cmd/+} with QoS 1 on a persistent session, so the broker keeps commands sent while the
 * gateway is away and redelivers one whose acknowledgement the gateway did not send.
 *
 * <p>{@link #arrived} runs on the MQTT client's thread and the broker gets the acknowledgement
 * only after it returns: it must record the request durably (so a crash right after cannot lose
 * it), hand the work to another thread and return quickly. It must not throw.
 */
interface CommandInbox {
    /**
     * @param command the last topic level, the command's name as sent (not yet checked)
     * @param payload the raw payload, not yet checked in any way
     */
    void arrived(String command, byte[] payload);
}
