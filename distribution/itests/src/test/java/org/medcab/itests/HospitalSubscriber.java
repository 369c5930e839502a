package org.medcab.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The HIS side of the test: every message under the gateway's topics, parsed, in arrival order. */
final class HospitalSubscriber implements AutoCloseable {

    record Message(String topic, JsonObject json, boolean retained) {
    }

    private final MqttClient client;
    private final List<Message> messages = new ArrayList<>();

    HospitalSubscriber(String brokerUrl, String topicFilter) throws MqttException {
        client = new MqttClient(brokerUrl, "his-test-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(topicFilter, 1, (topic, message) -> {
            if (topic.contains("/cmd/")) {
                return; // the commands the test itself sends as the HIS, some of them broken on purpose
            }
            // Thrown here, an exception would cut the subscriber off: an unreadable message is kept, marked.
            String text = new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
            JsonObject json;
            try {
                json = JsonParser.parseString(text).getAsJsonObject();
            } catch (RuntimeException e) {
                json = new JsonObject();
                json.addProperty("unreadable", text);
            }
            synchronized (this) {
                messages.add(new Message(topic, json, message.isRetained()));
                notifyAll();
            }
        });
    }

    /** Waits for the first message from index {@code from} on that matches; fails the test on timeout. */
    synchronized Message await(int from, Predicate<Message> wanted, long timeoutSeconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int seen = from;
        while (true) {
            for (; seen < messages.size(); seen++) {
                if (wanted.test(messages.get(seen))) {
                    return messages.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeoutSeconds + " s; " + messages.size()
                        + " messages received, last: " + (messages.isEmpty() ? "none" : messages.get(messages.size() - 1)));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Publishes a command as the HIS does: QoS 1, not retained. */
    void send(String topic, JsonObject payload) throws MqttException {
        client.publish(topic, payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    }

    /** A command as the HIS writes it: the command envelope ({@code schema}, {@code requestId}), then its fields. */
    static JsonObject commandPayload(String name, JsonObject fields, String requestId) {
        JsonObject payload = new JsonObject();
        payload.addProperty("schema", "medcab/cmd/" + name + "/1");
        payload.addProperty("requestId", requestId);
        fields.entrySet().forEach(e -> payload.add(e.getKey(), e.getValue()));
        return payload;
    }

    /** Sends {@code cmd/name} below {@code prefix} and waits for the first reply to that request id. */
    JsonObject command(String prefix, String name, JsonObject fields, String requestId, long timeoutSeconds)
            throws MqttException, InterruptedException {
        int mark = size();
        send(prefix + "cmd/" + name, commandPayload(name, fields, requestId));
        return await(mark, m -> m.topic().equals(prefix + "reply/" + name)
                && m.json().get("requestId").getAsString().equals(requestId), timeoutSeconds, "reply to cmd/" + name).json();
    }

    /** Where a message stands in arrival order, to wait for what came after it. */
    synchronized int indexOf(Message message) {
        return messages.indexOf(message);
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized List<Message> snapshot() {
        return List.copyOf(messages);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
