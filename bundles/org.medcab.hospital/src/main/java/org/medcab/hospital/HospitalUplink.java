package org.medcab.hospital;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The way up to the HIS, provided by the MQTT link. {@link #send} returns once the message is in
 * the durable outbox: from then on it reaches the broker (QoS 1, in order within its
 * {@link Delivery}) however long the broker is away and however often the gateway restarts,
 * unless its delivery class allows it to be dropped or replaced.
 *
 * <p>Callers must not hold locks the inventory or rules need while calling: storing waits for the
 * disk.
 */
@ProviderType
public interface HospitalUplink {
    /**
     * Stores the message durably for sending.
     *
     * @throws UplinkRefusedException when it cannot be stored (storage failure, or a subtopic that
     *                                cannot be a topic); the message was not stored
     */
    void send(UplinkMessage message) throws UplinkRefusedException;
}
