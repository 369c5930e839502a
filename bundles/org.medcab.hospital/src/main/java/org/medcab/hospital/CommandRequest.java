package org.medcab.hospital;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

import com.google.gson.JsonObject;

/** One HIS command as the link hands it to its {@link CommandHandler}. */
@ProviderType
public interface CommandRequest {
    /** The command's name, {@code catalog} for {@code cmd/catalog}. */
    String command();

    /** The request's {@code requestId}: the idempotency key; a redelivery carries the same one. */
    String requestId();

    /** The request's {@code correlationId}, or its request id when it gave none; every reply carries it. */
    String correlationId();

    /** The whole payload, already valid against the command's schema. A copy the handler may keep. */
    JsonObject payload();

    /** When the gateway received it. */
    Instant received();

    /**
     * Publishes a further reply to this request: progress, or the final outcome of a long-running
     * command (a pick that completes cycles later, an update that installs). The last reply sent
     * is the one a redelivery of the request is answered with. Stored durably before it returns.
     */
    void followUp(CommandReply reply);
}
