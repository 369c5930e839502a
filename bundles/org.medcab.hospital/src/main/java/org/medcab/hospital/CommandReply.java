package org.medcab.hospital;

import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * A reply's status and its command-specific fields; the link adds the envelope, the
 * {@code requestId}, {@code correlationId}, {@code command} and timing.
 *
 * @param status what happened
 * @param result the command-specific fields of the reply (documented with the command's reply
 *               schema in the contract); may be empty, never null
 */
public record CommandReply(ReplyStatus status, JsonObject result) {
    public CommandReply {
        Objects.requireNonNull(status, "status");
        result = result == null ? new JsonObject() : result.deepCopy();
    }

    public static CommandReply of(ReplyStatus status, JsonObject result) {
        return new CommandReply(status, result);
    }

    public static CommandReply ok(JsonObject result) {
        return new CommandReply(ReplyStatus.OK, result);
    }
}
