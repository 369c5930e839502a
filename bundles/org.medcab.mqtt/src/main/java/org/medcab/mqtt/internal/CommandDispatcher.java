package org.medcab.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Turns every {@code cmd/{name}} message into exactly one reply on {@code reply/{name}} (and any
 * follow-ups its handler sends later).
 *
 * <p>{@link #arrived} only records the raw message in the {@link RequestLog} and queues it; a worker
 * per command name (one for all unknown names) then checks, in this order: size, UTF-8 and strict JSON,
 * that the contract knows the command, the request id against the requests already seen (a redelivery
 * is answered with the stored reply, a request id reused for another request is rejected), the
 * command's JSON Schema, that the {@code schema} field names this command, that a handler is
 * registered; then calls the handler. A request recorded but not answered when the gateway stopped
 * is processed again on the next {@link #start}.
 */
final class CommandDispatcher implements CommandInbox, CommandReplies, AutoCloseable {
    static final String ERROR_SCHEMA = "medcab/reply/error/1";
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_CORRELATION_ID = 128;
    /** The worker of every name the contract does not know: no thread per name a client makes up. */
    private static final String UNKNOWN = "";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final CommandSettings settings;
    private final RequestLog log;
    private final CommandSchemas schemas;
    private final CommandHandlers handlers;
    private final HospitalUplink uplink;
    private final Clock clock;
    private final Function<String, ExecutorService> workerFactory;
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param workerFactory the single-thread executor of a command name ({@code ""} for every unknown
     *                      name); {@link #worker} in the gateway
     */
    CommandDispatcher(CommandSettings settings, RequestLog log, CommandSchemas schemas, CommandHandlers handlers,
            HospitalUplink uplink, Clock clock, Function<String, ExecutorService> workerFactory) {
        this.settings = settings;
        this.log = log;
        this.schemas = schemas;
        this.handlers = handlers;
        this.uplink = uplink;
        this.clock = clock;
        this.workerFactory = workerFactory;
    }

    /** A dispatcher on the contract's schemas with its request log in {@code directory}; call {@link #start}. */
    static CommandDispatcher open(CommandSettings settings, Path directory, CommandHandlers handlers, HospitalUplink uplink) {
        RequestLog log = RequestLog.open(directory, settings.requestRetention(), settings.requestLogLimit());
        return new CommandDispatcher(settings, log, new CommandSchemas(), handlers, uplink, Clock.systemUTC(),
                CommandDispatcher::worker);
    }

    /**
     * Warms the validator up on a worker, then queues every request recorded but not answered before
     * the last stop, oldest first.
     */
    void start() {
        try {
            workers.computeIfAbsent(UNKNOWN, workerFactory).execute(() -> {
                try {
                    schemas.warmUp();
                } catch (RuntimeException e) {
                    LOG.error("the command schema validator cannot start; every command will be answered failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.info("command dispatcher closed before it started");
        }
        List<RequestLog.Arrival> unanswered = log.unanswered();
        if (!unanswered.isEmpty()) {
            LOG.info("{} command(s) received before the last stop are processed again", unanswered.size());
        }
        for (RequestLog.Arrival a : unanswered) {
            queue(a.command(), a.key());
        }
    }

    @Override
    public void arrived(String command, byte[] payload) {
        if (closed) {
            LOG.error("cmd/{} arrived after the command dispatcher closed; it is not recorded", sanitise(command));
            return;
        }
        try {
            byte[] kept = payload.length > settings.maxPayloadBytes() ? null : payload;
            long key = log.arrived(command, kept, payload.length, clock.instant());
            queue(command, key);
        } catch (RuntimeException e) {
            LOG.error("cmd/{} of {} bytes could not be recorded; it is not answered", sanitise(command), payload.length, e);
        }
    }

    private void queue(String command, long key) {
        String worker = schemas.knows(command) ? command : UNKNOWN;
        try {
            workers.computeIfAbsent(worker, workerFactory).execute(() -> process(key));
        } catch (RejectedExecutionException e) {
            // Closing: the request stays in the log and is processed on the next start.
            LOG.info("cmd/{} is processed after the next start", sanitise(command));
        }
    }

    /** One thread per command name, in order, ended when idle for a minute. */
    static ExecutorService worker(String command) {
        String name = "medcab-cmd-" + (command.isEmpty() ? "unknown" : command);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // An idle command costs no thread.
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private void process(long key) {
        Optional<RequestLog.Arrival> arrival = log.arrival(key);
        if (arrival.isEmpty()) {
            return;
        }
        try {
            if (dispatch(arrival.get())) {
                log.answered(key);
            }
        } catch (RuntimeException e) {
            // A broken store or a bug here: keep the request for the next start rather than lose it.
            LOG.error("cmd/{} (arrival {}) could not be processed; it is kept and processed again after a restart",
                    sanitise(arrival.get().command()), key, e);
        }
    }

    /** @return whether the request's reply went into the uplink */
    private boolean dispatch(RequestLog.Arrival arrival) {
        Exchange x = new Exchange(arrival);
        if (arrival.payload() == null) {
            return x.error("", "the request is " + arrival.size() + " bytes; this gateway accepts at most "
                    + settings.maxPayloadBytes() + " bytes per command, so it was not read");
        }
        ObjectNode payload;
        try {
            payload = CommandParser.parse(arrival.payload());
        } catch (CommandException e) {
            return x.error(e.error().field(), e.error().problem());
        }
        x.identify(payload);
        if (!schemas.knows(arrival.command())) {
            return x.error("", "unknown command '" + x.replyCommand + "'");
        }
        String digest = digest(arrival.command(), payload);
        x.digest = digest;
        Optional<RequestLog.Request> seen = x.requestId.isEmpty() ? Optional.empty() : log.request(x.requestId);
        if (seen.isPresent()) {
            RequestLog.Request before = seen.get();
            if (before.digest().equals(digest) && before.state() == RequestLog.State.DONE && before.reply() != null) {
                LOG.info("cmd/{} request {} seen before: answered again with its stored {} reply", x.replyCommand,
                        x.requestId, before.reply().body().get("status").getAsString());
                return send(before.reply());
            }
            if (!before.digest().equals(digest) && before.applied()) {
                return x.reject("/requestId", "requestId already used for another request", false);
            }
        }
        Optional<CommandError> invalid;
        try {
            invalid = schemas.validate(arrival.command(), payload);
        } catch (RuntimeException e) {
            LOG.error("the contract schema of cmd/{} cannot be used", x.replyCommand, e);
            return x.fail("the gateway cannot check this command: its schema in the contract is unusable");
        }
        if (invalid.isPresent()) {
            return x.reject(invalid.get().field(), invalid.get().problem(), true);
        }
        if (x.requestId.isEmpty()) {
            // A command schema that forgot the envelope must not make a request without idempotency key.
            return x.reject("/requestId", "required: a requestId of 1 to 64 characters [A-Za-z0-9._:-]", false);
        }
        JsonNode schemaField = payload.get("schema");
        if (schemaField == null || !schemaField.isTextual()
                || !schemaField.asText().startsWith("medcab/cmd/" + arrival.command() + "/")) {
            return x.reject("/schema", "must be medcab/cmd/" + arrival.command() + "/<version> on cmd/" + arrival.command(), true);
        }
        Optional<CommandHandler> handler = handlers.handler(arrival.command());
        if (handler.isEmpty()) {
            // Not remembered: the handler's bundle may just be starting, and a resend should then be handled.
            return x.reject("", "command not available on this gateway", false);
        }
        return x.handle(handler.get(), payload, seen.isPresent() && seen.get().digest().equals(digest));
    }

    /** A reply as {@code reply-envelope.json} describes it, timed from {@code received} to now. */
    private RequestLog.StoredReply replyTo(String schema, String replyCommand, String requestId, String correlationId,
            Instant received, ReplyStatus status, CommandError error, JsonObject result) {
        Instant now = clock.instant();
        JsonObject body = new JsonObject();
        body.addProperty("command", replyCommand);
        body.addProperty("requestId", requestId);
        body.addProperty("correlationId", correlationId);
        body.addProperty("status", status.wireName());
        body.addProperty("received", received.toString());
        body.addProperty("durationMs", Math.max(0, Duration.between(received, now).toMillis()));
        if (error != null) {
            JsonObject e = new JsonObject();
            e.addProperty("field", error.field());
            e.addProperty("problem", error.problem());
            body.add("error", e);
        }
        body.add("result", result == null ? new JsonObject() : result.deepCopy());
        return new RequestLog.StoredReply(schema, "reply/" + replyCommand, now, body);
    }

    /**
     * A further reply to a request received before the handler lost its {@link CommandRequest} (a pick
     * accepted before a restart): timed from the stored request, stored as its latest reply.
     */
    @Override
    public void followUp(String command, String requestId, String correlationId, CommandReply reply) {
        String replyCommand = sanitise(command);
        Optional<RequestLog.Request> known = log.request(requestId);
        if (known.isEmpty()) {
            LOG.warn("cmd/{} request {}: follow-up {} for a request no longer in the request log; timed from now",
                    replyCommand, requestId, reply.status().wireName());
        }
        Instant received = known.map(RequestLog.Request::received).orElse(clock.instant());
        RequestLog.StoredReply stored = replyTo("medcab/reply/" + replyCommand + "/1", replyCommand, requestId,
                correlationId, received, reply.status(), defaultError(reply.status()), reply.result());
        known.ifPresent(r -> log.put(requestId, r.withReply(RequestLog.State.DONE, r.applied(), stored), clock.instant()));
        LOG.info("cmd/{} request {}: follow-up {}", replyCommand, requestId, reply.status().wireName());
        if (!send(stored)) {
            throw new IllegalStateException("the reply to cmd/" + replyCommand + " request " + requestId + " was not stored");
        }
    }

    private boolean send(RequestLog.StoredReply reply) {
        try {
            uplink.send(new UplinkMessage(reply.schema(), reply.subtopic(), reply.time(), reply.body(), Delivery.URGENT, false));
            return true;
        } catch (UplinkRefusedException | RuntimeException e) {
            LOG.error("reply on {} ({}) not stored by the uplink: {}; the request is answered again after a restart",
                    reply.subtopic(), reply.body().get("status").getAsString(), e.getMessage());
            return false;
        }
    }

    /** One request on its way through; the {@link CommandRequest} its handler gets. */
    private final class Exchange implements CommandRequest {
        private final RequestLog.Arrival arrival;
        private final String replyCommand;
        private String requestId = "";
        private String correlationId = "";
        private String digest = "";
        private JsonObject gsonPayload;
        /** Follow-ups sent while the handler had not returned its first reply yet: they go out after it. */
        private List<RequestLog.StoredReply> early = new ArrayList<>();

        Exchange(RequestLog.Arrival arrival) {
            this.arrival = arrival;
            replyCommand = sanitise(arrival.command());
        }

        /** Takes request and correlation id from a readable payload, where they are well-formed. */
        void identify(ObjectNode payload) {
            JsonNode id = payload.get("requestId");
            if (id != null && id.isTextual() && REQUEST_ID.matcher(id.asText()).matches()) {
                requestId = id.asText();
            }
            JsonNode correlation = payload.get("correlationId");
            if (correlation != null && correlation.isTextual() && !correlation.asText().isEmpty()
                    && correlation.asText().length() <= MAX_CORRELATION_ID) {
                correlationId = CommandError.clip(correlation.asText());
            } else {
                correlationId = requestId;
            }
        }

        /** A request that could not be read or names no known command: {@value #ERROR_SCHEMA}. */
        boolean error(String field, String problem) {
            LOG.warn("cmd/{} rejected: {}{}", replyCommand, field.isEmpty() ? "" : field + ": ", problem);
            return send(reply(ERROR_SCHEMA, ReplyStatus.REJECTED, new CommandError(field, problem), new JsonObject()));
        }

        /**
         * Refused before the handler: nothing applied.
         *
         * @param remember whether the rejection becomes the stored answer to the request id (not when
         *                 the request id belongs to another request)
         */
        boolean reject(String field, String problem, boolean remember) {
            LOG.warn("cmd/{} request '{}' rejected: {}{}", replyCommand, requestId, field.isEmpty() ? "" : field + ": ", problem);
            RequestLog.StoredReply reply = reply(commandSchema(), ReplyStatus.REJECTED, new CommandError(field, problem), new JsonObject());
            if (remember && !requestId.isEmpty()) {
                log.put(requestId, new RequestLog.Request(arrival.command(), digest, arrival.received(), RequestLog.State.DONE,
                        false, arrival.key(), reply), clock.instant());
            }
            return send(reply);
        }

        /** The gateway could not even check the request; not remembered, so a resend is checked again. */
        boolean fail(String problem) {
            return send(reply(commandSchema(), ReplyStatus.FAILED, new CommandError("", problem), new JsonObject()));
        }

        boolean handle(CommandHandler handler, ObjectNode payload, boolean handledBefore) {
            gsonPayload = JsonParser.parseString(payload.toString()).getAsJsonObject();
            if (handledBefore) {
                LOG.info("cmd/{} request {} was being handled when the gateway stopped: handing it to its handler again",
                        replyCommand, requestId);
            }
            // Recorded before the call: from here on the handler may have changed something.
            log.put(requestId, new RequestLog.Request(arrival.command(), digest, arrival.received(), RequestLog.State.HANDLING,
                    true, arrival.key(), null), clock.instant());
            CommandReply outcome;
            CommandError error = null;
            boolean applied = true;
            try {
                outcome = handler.handle(this);
                if (outcome == null) {
                    throw new IllegalStateException(handler.getClass().getName() + " returned no reply");
                }
            } catch (CommandRejectedException e) {
                LOG.warn("cmd/{} request {} rejected by its handler: {}", replyCommand, requestId, e.getMessage());
                outcome = new CommandReply(ReplyStatus.REJECTED, null);
                error = new CommandError(e.field(), e.problem());
                applied = false;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.error("cmd/{} request {} failed in its handler {}", replyCommand, requestId, handler.getClass().getName(), e);
                outcome = new CommandReply(ReplyStatus.FAILED, null);
                error = new CommandError("", "carrying out the command failed on the gateway ("
                        + e.getClass().getSimpleName() + "); nothing was changed");
            }
            if (error == null) {
                error = defaultError(outcome.status());
            }
            RequestLog.StoredReply first = reply(commandSchema(), outcome.status(), error, outcome.result());
            List<RequestLog.StoredReply> followUps;
            synchronized (this) {
                followUps = early;
                early = null;
                RequestLog.StoredReply latest = followUps.isEmpty() ? first : followUps.get(followUps.size() - 1);
                log.put(requestId, new RequestLog.Request(arrival.command(), digest, arrival.received(), RequestLog.State.DONE,
                        applied, arrival.key(), latest), clock.instant());
            }
            LOG.info("cmd/{} request {}: {}", replyCommand, requestId, outcome.status().wireName());
            boolean sent = send(first);
            followUps.forEach(CommandDispatcher.this::send);
            return sent;
        }

        @Override
        public void followUp(CommandReply reply) {
            RequestLog.StoredReply stored = reply(commandSchema(), reply.status(), defaultError(reply.status()), reply.result());
            boolean sendNow;
            synchronized (this) {
                Optional<RequestLog.Request> known = log.request(requestId);
                if (known.isPresent() && known.get().digest().equals(digest)) {
                    log.put(requestId, known.get().withReply(RequestLog.State.DONE, known.get().applied(), stored),
                            clock.instant());
                }
                sendNow = early == null;
                if (!sendNow) {
                    early.add(stored);
                }
            }
            LOG.info("cmd/{} request {}: follow-up {}", replyCommand, requestId, reply.status().wireName());
            if (sendNow) {
                send(stored);
            }
        }

        private String commandSchema() {
            return "medcab/reply/" + arrival.command() + "/1";
        }

        private RequestLog.StoredReply reply(String schema, ReplyStatus status, CommandError error, JsonObject result) {
            return replyTo(schema, replyCommand, requestId, correlationId, arrival.received(), status, error, result);
        }

        @Override
        public String command() {
            return arrival.command();
        }

        @Override
        public String requestId() {
            return requestId;
        }

        @Override
        public String correlationId() {
            return correlationId;
        }

        @Override
        public JsonObject payload() {
            return gsonPayload.deepCopy();
        }

        @Override
        public Instant received() {
            return arrival.received();
        }
    }

    /** A handler that answers rejected or failed without saying why still gives the HIS an error object. */
    private static CommandError defaultError(ReplyStatus status) {
        return switch (status) {
            case REJECTED -> new CommandError("", "refused by the gateway; nothing was changed");
            case FAILED -> new CommandError("", "carrying out the command failed; nothing was changed");
            default -> null;
        };
    }

    /** Identifies a request by what it asks: the command and its payload with keys in a canonical order. */
    private static String digest(String command, ObjectNode payload) {
        try {
            Object plain = CANONICAL.treeToValue(payload, Object.class);
            return hex(sha256(command + "\n" + CANONICAL.writeValueAsString(plain)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed payload could not be written again", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * A command name from the topic as it may appear in a reply and its topic level: characters
     * other than {@code A-Z a-z 0-9 . _ -} become {@code _}, at most 64 of them.
     */
    static String sanitise(String command) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < command.length() && b.length() < 64; i++) {
            char c = command.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            b.append(plain ? c : '_');
        }
        return b.length() == 0 ? "_" : b.toString();
    }

    /**
     * Stops taking work, waits up to 5 s for the requests being handled, then closes the log. What
     * was not answered is processed on the next start. Close the MQTT link first, so nothing arrives
     * meanwhile.
     */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (ExecutorService w : workers.values()) {
            try {
                if (!w.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("a command handler did not finish within {} s; it is interrupted, and its request is"
                            + " handled again after the restart unless it still answers now", CLOSE_WAIT.toSeconds());
                    w.shutdownNow();
                    // Let an interrupted handler's reply reach the log before the log closes.
                    w.awaitTermination(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.shutdownNow();
            }
        }
        log.close();
    }
}
