package org.medcab.his;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Sends one command to a gateway and waits for its final reply: wraps the payload in the command
 * envelope ({@code schema}, {@code requestId}, {@code correlationId}), publishes it on
 * {@code cmd/<command>} (QoS 1), prints every reply with that correlation id (accepted and progress
 * first, for a long-running command) until a final one or the timeout.
 */
final class CommandSender implements AutoCloseable {
    static final Pattern COMMAND = Pattern.compile("[a-z-]+");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> FINAL = Set.of("ok", "partial", "rejected", "failed", "cancelled", "timed-out");

    private final MqttClient client;
    private final String gatewayRoot;
    private final Console console;
    private final boolean json;
    private final LinkedBlockingQueue<JsonObject> replies;

    private CommandSender(MqttClient client, String gatewayRoot, Console console, boolean json,
            LinkedBlockingQueue<JsonObject> replies) {
        this.client = client;
        this.replies = replies;
        this.gatewayRoot = gatewayRoot;
        this.console = console;
        this.json = json;
    }

    /** Connects and subscribes to the gateway's replies (before anything is sent, so none is missed). */
    static CommandSender open(BrokerOptions broker, String gateway, Console console, boolean json) throws IOException {
        Replies replies = new Replies(console);
        MqttClient client = broker.connect(false, replies);
        String root = broker.siteRoot() + "/" + gateway;
        CommandSender sender = new CommandSender(client, root, console, json, replies.queue);
        try {
            String filter = root + "/reply/#";
            int granted = client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
            if (granted == 0x80) {
                sender.close();
                throw new IOException("the broker refused the subscription to " + filter + " (not authorized?)");
            }
        } catch (MqttException e) {
            sender.close();
            throw new IOException("cannot subscribe to the replies: " + BrokerOptions.describe(e), e);
        }
        return sender;
    }

    /**
     * Completes the envelope of {@code payload} (changed in place) and checks it.
     *
     * @throws UsageException naming what is wrong with the envelope
     */
    static JsonObject envelope(String command, JsonObject payload, String requestId, String correlationId)
            throws UsageException {
        if (!COMMAND.matcher(command).matches()) {
            throw new UsageException("command name '" + command + "' is not lower-case letters and '-'");
        }
        String schema = "medcab/cmd/" + command + "/1";
        if (payload.has("schema") && !schema.equals(text(payload, "schema"))) {
            throw new UsageException("the payload's schema '" + text(payload, "schema") + "' is not " + schema);
        }
        String id = choose("requestId", requestId, payload, "his-" + UUID.randomUUID());
        if (!REQUEST_ID.matcher(id).matches()) {
            throw new UsageException("requestId '" + id + "' must be 1..64 characters of A-Z a-z 0-9 . _ : -");
        }
        String correlation = choose("correlationId", correlationId, payload, id);
        if (correlation.isEmpty() || correlation.length() > 128) {
            throw new UsageException("correlationId must be 1..128 characters");
        }
        // The envelope first, as the contract lists it; then the command's own fields.
        JsonObject wrapped = new JsonObject();
        wrapped.addProperty("schema", schema);
        wrapped.addProperty("requestId", id);
        wrapped.addProperty("correlationId", correlation);
        for (var field : payload.entrySet()) {
            if (!wrapped.has(field.getKey())) {
                wrapped.add(field.getKey(), field.getValue());
            }
        }
        return wrapped;
    }

    private static String choose(String field, String option, JsonObject payload, String fallback) throws UsageException {
        String inPayload = payload.has(field) ? text(payload, field) : null;
        if (option != null && inPayload != null && !option.equals(inPayload)) {
            throw new UsageException("the payload's " + field + " '" + inPayload + "' differs from the option's '" + option + "'");
        }
        return option != null ? option : inPayload != null ? inPayload : fallback;
    }

    /**
     * Publishes a wrapped command and prints its replies.
     *
     * @return {@link Exit#OK} for ok, {@link Exit#PARTIAL} for partial, {@link Exit#NOT_DONE} otherwise
     */
    int send(String command, JsonObject wrapped, Duration timeout) throws IOException, InterruptedException {
        String topic = gatewayRoot + "/cmd/" + command;
        String correlationId = text(wrapped, "correlationId");
        try {
            MqttMessage message = new MqttMessage(wrapped.toString().getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new IOException("cannot publish " + topic + ": " + BrokerOptions.describe(e), e);
        }
        console.err().println("sent " + topic + " requestId " + text(wrapped, "requestId")
                + (correlationId.equals(text(wrapped, "requestId")) ? "" : " correlationId " + correlationId));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject reply = left <= 0 ? null : replies.poll(left, TimeUnit.NANOSECONDS);
            if (reply == null) {
                console.out().println("no final reply to " + command + " requestId " + text(wrapped, "requestId")
                        + " within " + timeout.toSeconds() + " s");
                return Exit.NOT_DONE;
            }
            if (!correlationId.equals(text(reply, "correlationId"))) {
                continue; // another request's reply
            }
            console.out().println(json ? reply.toString() : Essentials.of(reply));
            String status = text(reply, "status");
            if (FINAL.contains(status)) {
                return "ok".equals(status) ? Exit.OK : "partial".equals(status) ? Exit.PARTIAL : Exit.NOT_DONE;
            }
        }
    }

    private static String text(JsonObject o, String field) {
        return Essentials.text(o, field);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException e) {
            // ending anyway
        }
    }

    /** Collects the replies the subscription brings. */
    private static final class Replies implements MqttCallback {
        final LinkedBlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        private final Console console;

        Replies(Console console) {
            this.console = console;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                JsonElement e = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8));
                if (e.isJsonObject()) {
                    queue.add(e.getAsJsonObject());
                    return;
                }
            } catch (JsonParseException e) {
                // reported below
            }
            console.err().println("medcab-his: unreadable reply on " + topic + " (" + message.getPayload().length + " bytes)");
        }

        @Override
        public void connectionLost(Throwable cause) {
            console.err().println("medcab-his: connection lost: " + cause);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
