package org.medcab.his;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client for the tests: a fake gateway, a responder, a rogue, or a bystander subscriber. */
final class Mqtt implements AutoCloseable {
    record Received(String topic, String payload) {
    }

    final MqttClient client;
    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Throwable lost;

    private Mqtt(MqttClient client) {
        this.client = client;
    }

    static Mqtt connect(String url) throws MqttException {
        return connect(url, null, "test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Mqtt connect(String url, SocketFactory sockets, String clientId) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        Mqtt mqtt = new Mqtt(client);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                mqtt.received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void connectionLost(Throwable cause) {
                mqtt.lost = cause;
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        client.connect(options);
        return mqtt;
    }

    /** The broker's answer to a subscription: the granted QoS, or 0x80 (128) for a refusal. */
    int subscribe(String filter) throws MqttException {
        return client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
    }

    void publish(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Still connected: the broker has not dropped this client. */
    boolean connected() {
        return client.isConnected() && lost == null;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close();
    }
}
