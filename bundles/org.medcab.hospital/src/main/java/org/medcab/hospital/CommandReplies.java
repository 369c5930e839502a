package org.medcab.hospital;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Further replies to a request received earlier, for a handler that no longer holds its
 * {@link CommandRequest}: a pick accepted before a restart completes after it. Provided by the
 * link that handles commands; it publishes the reply exactly as {@link CommandRequest#followUp}
 * would (same topic {@code reply/{command}}, same correlation id, {@code received} and
 * {@code durationMs} from the stored request).
 */
@ProviderType
public interface CommandReplies {
    /**
     * Publishes a further reply to the request {@code requestId} of {@code cmd/{command}}. Stored
     * durably before it returns; the last reply sent is the one a redelivery is answered with.
     *
     * @param correlationId the request's correlation id (its request id when it gave none), as the
     *                      handler was told it
     * @throws IllegalStateException when the reply cannot be stored; the caller keeps it and tries
     *                               again later
     */
    void followUp(String command, String requestId, String correlationId, CommandReply reply);
}
