package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Stands in for the hospital information system: a Paho client subscribed to the gateway's topics. */
final class HisSubscriber implements AutoCloseable {
    /** One message as the HIS received it. */
    record Received(String topic, JsonObject json, boolean retained) {
        String schema() {
            return json.get("schema").getAsString();
        }

        long seq() {
            return json.get("seq").getAsLong();
        }

        long cycle() {
            return json.get("cycle").getAsLong();
        }

        List<String> strings(String field) {
            List<String> values = new ArrayList<>();
            for (JsonElement e : json.get(field).getAsJsonArray()) {
                values.add(e.getAsString());
            }
            return values;
        }

        JsonArray array(String field) {
            return json.get(field).getAsJsonArray();
        }
    }

    private final MqttClient client;
    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();

    private HisSubscriber(String url, String clientId, boolean cleanSession, String filter) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                queue.add(new Received(topic, JsonParser.parseString(text).getAsJsonObject(), message.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        client.connect(options);
        if (filter != null) {
            client.subscribe(filter, 1);
        }
    }

    /** A fresh subscription (clean session) to {@code filter}. */
    static HisSubscriber subscribe(String url, String filter) throws MqttException {
        return new HisSubscriber(url, "his-" + System.nanoTime(), true, filter);
    }

    /** A persistent session: the broker queues QoS 1 messages for it while it is away. */
    static HisSubscriber subscribePersistent(String url, String clientId, String filter) throws MqttException {
        return new HisSubscriber(url, clientId, false, filter);
    }

    /** Comes back to an existing persistent session and receives what was queued meanwhile. */
    static HisSubscriber resume(String url, String clientId) throws MqttException {
        return new HisSubscriber(url, clientId, false, null);
    }

    /** The next message, failing after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        Received r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "no MQTT message within " + timeout);
        return r;
    }

    /** Messages in arrival order up to and including the first that matches. */
    List<Received> until(Predicate<Received> match, Duration timeout) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                fail("expected message did not arrive within " + timeout + "; received: " + seen);
            }
            seen.add(r);
            if (match.test(r)) {
                return seen;
            }
        }
    }

    /** The next {@code n} messages. */
    List<Received> next(int n, Duration timeout) throws InterruptedException {
        List<Received> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(next(timeout));
        }
        return list;
    }

    /** Whatever arrives within {@code quiet}; asserting it is empty shows nothing more was sent. */
    List<Received> drain(Duration quiet) throws InterruptedException {
        List<Received> list = new ArrayList<>();
        Received r;
        while ((r = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            list.add(r);
        }
        return list;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(200);
            }
            client.close(true);
        } catch (MqttException e) {
            // The broker may be gone already.
        }
    }
}
