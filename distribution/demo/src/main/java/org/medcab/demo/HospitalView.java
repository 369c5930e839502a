package org.medcab.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import com.google.gson.JsonObject;

/** The hospital's side: subscribes to everything the gateway publishes and prints it, one line per fact. */
final class HospitalView implements MqttCallbackExtended, AutoCloseable {
    private final Reports reports;
    private final PrintStream out;
    private final String prefix;
    private final MqttClient client;
    private final CountDownLatch death = new CountDownLatch(1);
    private final CountDownLatch firstInventory = new CountDownLatch(1);
    private final CountDownLatch birth = new CountDownLatch(1);

    HospitalView(String brokerUrl, Reports reports, PrintStream out, String prefix) throws MqttException {
        this.reports = reports;
        this.out = out;
        this.prefix = prefix;
        this.client = new MqttClient(brokerUrl, "medcab-demo-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        client.setCallback(this);
    }

    void connect() throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        client.subscribe(reports.subscription(), 1);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (reconnect) {
            // A clean session lost the subscription; blocking calls are not allowed on Paho's callback thread.
            Thread resubscribe = new Thread(() -> {
                try {
                    client.subscribe(reports.subscription(), 1);
                    print("(hospital view reconnected to " + serverURI + ")");
                } catch (MqttException e) {
                    print("(hospital view could not subscribe again: " + e.getMessage() + ")");
                }
            }, "hospital-view-resubscribe");
            resubscribe.setDaemon(true);
            resubscribe.start();
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        print("(hospital view lost the broker: " + cause.getMessage() + "; reconnecting)");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // Anything thrown here would drop the connection: a bad message is reported, never fatal.
        try {
            for (String line : reports.describe(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained())) {
                print(line);
            }
            if (topic.endsWith("/birth")) {
                birth.countDown();
            } else if (topic.endsWith("/death")) {
                death.countDown();
            } else if (topic.endsWith("/events/inventory")) {
                firstInventory.countDown();
            }
        } catch (RuntimeException e) {
            print("unreadable message on " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // the view publishes nothing
    }

    boolean awaitDeath(Duration timeout) throws InterruptedException {
        return death.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The gateway is connected and subscribed to its commands once its first birth arrived. */
    boolean awaitBirth(Duration timeout) throws InterruptedException {
        return birth.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code cmd/{name}} as the HIS does (QoS 1): the command envelope ({@code schema}, {@code requestId})
     * and then {@code fields}; the reply is printed when it arrives like any other message.
     */
    void send(String name, JsonObject fields, String requestId) throws MqttException {
        JsonObject payload = new JsonObject();
        payload.addProperty("schema", "medcab/cmd/" + name + "/1");
        payload.addProperty("requestId", requestId);
        fields.entrySet().forEach(e -> payload.add(e.getKey(), e.getValue()));
        client.publish(reports.commandTopic(name), payload.toString().getBytes(StandardCharsets.UTF_8), 1, false);
    }

    boolean awaitFirstInventory(Duration timeout) throws InterruptedException {
        return firstInventory.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void print(String line) {
        out.println(prefix + line);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
