package org.medcab.his;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** {@code watch}: prints what a site's gateways send and checks every gateway's sequence. */
final class Watch implements Subcommand {
    private static final Set<String> VALUED = with(BrokerOptions.VALUED, "gateway", "count", "seconds");

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "print what the gateways of a site send; report sequence gaps, duplicates and protocol violations";
    }

    @Override
    public String usage() {
        return """
                medcab-his watch [--gateway G] [--count N] [--seconds N] [--json] [broker options]

                Subscribes {prefix}/{site}/+/# (or one gateway's topics) with QoS 1 and prints one line per message:
                its time, gateway, topic and essentials. Reports per gateway on their own lines:
                  GAP       seq numbers that never arrived (a birth after a restart skips up to 1000 unused ones)
                  LATE      a missing seq that arrived after all (a resend or the last will)
                  DUPLICATE an id seen before (QoS 1 resends; an HIS drops them)
                  !!! PROTOCOL VIOLATION  one seq with two ids, or one id with two seqs
                and a SUMMARY on exit (Ctrl-C, or after --count messages / --seconds).
                With --client-id the broker keeps the session: messages sent while watch was stopped arrive next time.

                  --gateway G   only this gateway
                  --count N     stop after N messages
                  --seconds N   stop after N seconds
                  --json        print each payload as received, one per line (reports and summary go to stderr)
                Exit status: 0, or 3 when a protocol violation was seen; 69 when the broker cannot be reached.
                """ + BrokerOptions.USAGE;
    }

    @Override
    public int run(List<String> args, Console console) throws Exception {
        Options o = Options.parse(args, VALUED, Set.of("json"));
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + o.positional().get(0));
        }
        BrokerOptions broker = BrokerOptions.from(o, console);
        String gateway = o.value("gateway").isPresent() ? BrokerOptions.level("gateway", o.value("gateway").get()) : "+";
        long count = o.number("count", 0, 1, Long.MAX_VALUE);
        long seconds = o.number("seconds", 0, 1, Long.MAX_VALUE);
        boolean json = o.flag("json");
        String filter = broker.siteRoot() + "/" + gateway + "/#";

        Session session = new Session(broker.siteRoot() + "/", console.out(), json ? console.err() : console.out(),
                json, count);
        MqttClient client;
        try {
            client = broker.connect(broker.namedClient(), session);
        } catch (IOException e) {
            console.err().println("medcab-his watch: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        Thread onCtrlC = new Thread(session::finish, "medcab-his-summary");
        try {
            int granted = client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
            if (granted == 0x80) {
                console.err().println("medcab-his watch: the broker refused the subscription to " + filter
                        + " (not authorized for this user?)");
                return Exit.UNAVAILABLE;
            }
            console.err().println("watching " + filter + " on " + broker.broker()
                    + (count > 0 ? ", " + count + " messages" : "") + (seconds > 0 ? ", " + seconds + " s" : "")
                    + " (Ctrl-C for the summary)");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            if (seconds > 0) {
                session.done.await(seconds, TimeUnit.SECONDS);
            } else {
                session.done.await();
            }
        } finally {
            close(client);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added (subscription refused)
        }
        session.finish();
        if (session.lost != null) {
            return Exit.UNAVAILABLE;
        }
        return session.tracker.violations() ? Exit.VIOLATION : Exit.OK;
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException e) {
            // the process is ending; nothing to keep
        }
    }

    static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** One watch: what arrived, the sequence checks, when to stop. */
    private static final class Session implements MqttCallback {
        final SequenceTracker tracker = new SequenceTracker();
        final CountDownLatch done = new CountDownLatch(1);
        private final String root;
        private final PrintStream lines;
        private final PrintStream reports;
        private final boolean json;
        private final long count;
        private final AtomicBoolean finished = new AtomicBoolean();
        private long received;
        private long unreadable;
        volatile Throwable lost;

        Session(String root, PrintStream lines, PrintStream reports, boolean json, long count) {
            this.root = root;
            this.lines = lines;
            this.reports = reports;
            this.json = json;
            this.count = count;
        }

        @Override
        public synchronized void messageArrived(String topic, MqttMessage message) {
            if (finished.get()) {
                return;
            }
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            String rest = topic.startsWith(root) ? topic.substring(root.length()) : topic;
            int slash = rest.indexOf('/');
            String gateway = slash < 0 ? rest : rest.substring(0, slash);
            String subtopic = slash < 0 ? "" : rest.substring(slash + 1);
            JsonObject m = parse(payload);
            if (json) {
                lines.println(payload.replace('\n', ' '));
            }
            if (m == null) {
                unreadable++;
                reports.println("UNREADABLE " + gateway + " " + subtopic + ": " + message.getPayload().length
                        + " bytes that are not a JSON object");
            } else if (subtopic.startsWith("cmd/")) {
                // Another HIS (or this one) sending a command: shown, not a gateway message.
                line(Instant.now().toString(), gateway, subtopic, "command requestId " + Essentials.text(m, "requestId"));
            } else {
                track(gateway, m, message.isRetained()).forEach(reports::println);
                String payloadGateway = Essentials.text(m, "gateway");
                if (!payloadGateway.isEmpty() && !payloadGateway.equals(gateway)) {
                    reports.println("!!! MISMATCH " + gateway + " " + subtopic + ": the payload says gateway "
                            + payloadGateway);
                }
                String time = Essentials.text(m, "time");
                line(time.isEmpty() ? Instant.now().toString() : time, gateway,
                        subtopic + (message.isRetained() ? " (retained)" : "")
                                + (m.has("seq") ? " seq " + Essentials.text(m, "seq") : ""),
                        Essentials.of(m));
            }
            received++;
            if (count > 0 && received >= count) {
                done.countDown();
            }
        }

        private List<String> track(String gateway, JsonObject m, boolean retained) {
            JsonElement seq = m.get("seq");
            JsonElement id = m.get("id");
            if (seq == null || id == null || !seq.isJsonPrimitive() || !seq.getAsJsonPrimitive().isNumber()
                    || !id.isJsonPrimitive()) {
                return List.of("NO SEQUENCE " + gateway + ": a " + Essentials.text(m, "schema")
                        + " message without a numeric seq and an id");
            }
            return tracker.observe(gateway, seq.getAsLong(), id.getAsString(), Essentials.text(m, "schema"), retained);
        }

        private void line(String time, String gateway, String topic, String essentials) {
            if (!json) {
                lines.println(time + " " + gateway + " " + topic + ": " + essentials);
            }
        }

        private static JsonObject parse(String payload) {
            try {
                JsonElement e = JsonParser.parseString(payload);
                return e.isJsonObject() ? e.getAsJsonObject() : null;
            } catch (JsonParseException e) {
                return null;
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost = cause;
            reports.println("medcab-his watch: connection lost: " + cause);
            done.countDown();
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        /** Prints the summary, once (normal end or Ctrl-C). */
        synchronized void finish() {
            if (finished.compareAndSet(false, true)) {
                tracker.summary().forEach(reports::println);
                if (unreadable > 0) {
                    reports.println("SUMMARY " + unreadable + " unreadable messages");
                }
                reports.flush();
                lines.flush();
            }
        }
    }
}
