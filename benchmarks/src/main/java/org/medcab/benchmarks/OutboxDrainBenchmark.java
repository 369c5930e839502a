package org.medcab.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.lab.MosquittoBroker;
import org.medcab.mqtt.internal.BundleVersion;
import org.medcab.mqtt.internal.LinkSettings;
import org.medcab.mqtt.internal.MqttLink;

/**
 * How fast the durable outbox drains after an outage: fills it with N messages through
 * {@code HospitalUplink.send} while no broker runs (printing the send latency, which is a disk commit
 * each), then starts a local Mosquitto and measures until the HIS subscriber (persistent session,
 * QoS 1) has them all. Target: at least 1,000 messages/s.
 *
 * <p>{@code benchmarks/bin/outbox-drain [--messages N]}
 */
public final class OutboxDrainBenchmark {
    private static final String HIS = "bench-his";

    private OutboxDrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 20_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--messages") && i + 1 < args.length) {
                messages = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: outbox-drain [--messages N]");
                System.exit(2);
            }
        }
        Path work = Files.createTempDirectory("medcab-outbox-drain");
        boolean met;
        Path brokerDir = Files.createDirectories(work.resolve("broker"));
        // A persistent broker and HIS session: what the link publishes while the HIS reconnects is kept for it.
        try (MosquittoBroker broker = MosquittoBroker.start(brokerDir, true, "max_queued_messages 0")) {
            String root = "medcab/site1/bench/";
            Subscriber his = new Subscriber(broker.url(), root + "events/bench", messages);
            his.close();
            broker.stop();

            LinkSettings settings = LinkSettings.builder(broker.url(), "site1", "bench")
                    .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(100)).build();
            try (MqttLink link = new MqttLink(settings, work.resolve("data"),
                    () -> List.of(new BundleVersion("org.medcab.mqtt", "0.1.0")))) {
                link.start();
                long[] latency = new long[messages];
                long fillStart = System.nanoTime();
                for (int n = 0; n < messages; n++) {
                    long t = System.nanoTime();
                    link.send(dispenseRecord(n));
                    latency[n] = System.nanoTime() - t;
                }
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                Arrays.sort(latency);
                System.out.printf("fill: %d messages stored with no broker in %.1f s (%.0f/s, one sender)%n", messages,
                        fillSeconds, messages / fillSeconds);
                System.out.printf("send latency (durable commit): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        latency[messages / 2] / 1e6, latency[(int) (messages * 0.99)] / 1e6, latency[messages - 1] / 1e6);

                long drainStart = System.nanoTime();
                broker.restart();
                Subscriber back = new Subscriber(broker.url(), null, messages);
                boolean all = back.done.await(10, TimeUnit.MINUTES);
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                back.close();
                double rate = back.count() / drainSeconds;
                System.out.printf("drain: %d of %d messages at the subscriber %.2f s after the broker started: %.0f messages/s"
                        + " (target >= 1000)%n", back.count(), messages, drainSeconds, rate);
                met = all && rate >= 1000;
            }
        }
        // Only now: the broker (a child process) and the link are closed.
        System.exit(met ? 0 : 1);
    }

    /** A dispense record of a realistic size (~300 bytes of body). */
    private static UplinkMessage dispenseRecord(int n) {
        JsonObject body = new JsonObject();
        body.addProperty("n", n);
        body.addProperty("order", "DO-2026-" + (100000 + n));
        body.addProperty("zone", "A" + (n % 12));
        JsonArray items = new JsonArray();
        for (int i = 0; i < 4; i++) {
            JsonObject item = new JsonObject();
            item.addProperty("code", String.format("3074257BF7194E40%08X", n * 4 + i));
            item.addProperty("batch", "B" + (n % 97));
            item.addProperty("expiry", "2027-03-31");
            items.add(item);
        }
        body.add("items", items);
        return new UplinkMessage("medcab/dispense-record/1", "events/bench", Instant.now(), body, Delivery.RECORD, false);
    }

    /** The HIS: counts distinct bench messages (QoS 1 may bring one twice). */
    private static final class Subscriber implements MqttCallback {
        private final MqttClient client;
        private final BitSet seen;
        private final int expected;
        final CountDownLatch done = new CountDownLatch(1);

        Subscriber(String url, String filter, int expected) throws Exception {
            this.expected = expected;
            this.seen = new BitSet(expected);
            client = new MqttClient(url, HIS, new MemoryPersistence());
            client.setCallback(this);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setMaxInflight(1000);
            client.connect(options);
            if (filter != null) {
                client.subscribe(filter, 1);
            }
        }

        synchronized int count() {
            return seen.cardinality();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            JsonObject json = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
            synchronized (this) {
                seen.set(json.get("n").getAsInt());
                if (seen.cardinality() == expected) {
                    done.countDown();
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
