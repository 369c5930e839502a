package org.medcab.hospital;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service answering one HIS command, {@code {prefix}/{site}/{gateway}/cmd/{name}}; the
 * service property {@value #COMMAND} names it. The MQTT link receives the command, checks its size
 * and JSON syntax, validates it against the command's JSON Schema in the contract
 * ({@link HospitalContract#commandSchema}), answers a redelivered request id from the stored reply
 * without calling the handler again, and publishes what the handler returns on
 * {@code reply/{name}} with the request's correlation id.
 *
 * <p>A handler is called from one thread at a time per command name. It must check everything it
 * can before it changes anything: a request it refuses ({@link CommandRejectedException}), or one
 * that fails half-way with any exception, must leave no trace in the cabinet's state.
 *
 * <p><b>Idempotent by nature.</b> The link calls a handler once per request id, but a request whose
 * handler was running when the gateway stopped (crash, power cut, update) is handed to the handler
 * again after the restart, with the same request id and payload. A handler must therefore give the
 * same result when it sees a request a second time: upserts keyed by GTIN or item code rather than
 * inserts, orders keyed by their order id, nothing that adds up on a repeat.
 */
@ConsumerType
public interface CommandHandler {
    /** Service property: the command's name, the last topic level of {@code cmd/{name}}. */
    String COMMAND = "medcab.command";

    /**
     * Handles one request whose payload has passed the command's JSON Schema.
     *
     * @return the first reply; a long-running command returns {@link ReplyStatus#ACCEPTED} or
     *         {@link ReplyStatus#PROGRESS} and later calls {@link CommandRequest#followUp}
     * @throws CommandRejectedException when the request is refused as a whole; nothing was changed
     */
    CommandReply handle(CommandRequest request) throws CommandRejectedException;
}
