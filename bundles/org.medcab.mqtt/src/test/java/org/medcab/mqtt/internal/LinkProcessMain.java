package org.medcab.mqtt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;

/**
 * A gateway JVM running only the MQTT link, for the tests that kill it with SIGKILL.
 * Args: {@code brokerUrl dataDirectory} (gateway "killed", just connects), or
 * {@code brokerUrl dataDirectory gateway count [skipFile]}: sends messages {@code 0..count-1} (RECORD,
 * body {@code {"n": n}}) through {@link org.medcab.hospital.HospitalUplink#send} from four threads (as
 * several bundles would; they share disk commits), except those listed in {@code skipFile} (one
 * number a line: what a killed predecessor already sent), printing {@code sent n} as each send
 * returns, then {@code burst done}.
 */
public final class LinkProcessMain {
    static final String BURST_SCHEMA = "medcab/test-burst/1";
    static final String BURST_SUBTOPIC = "events/burst";
    private static final int SENDERS = 4;

    private LinkProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 2 ? args[2] : "killed";
        LinkSettings settings = LinkSettings.builder(args[0], "site1", gateway)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(400)).build();
        MqttLink link = new MqttLink(settings, Path.of(args[1]),
                () -> List.of(new BundleVersion("org.medcab.mqtt", "0.1.0")));
        link.start();
        if (args.length > 2) {
            int count = Integer.parseInt(args[3]);
            Set<Long> skip = new HashSet<>();
            if (args.length > 4) {
                Files.readAllLines(Path.of(args[4])).forEach(line -> skip.add(Long.parseLong(line)));
            }
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                int first = t;
                Thread sender = new Thread(() -> send(link, first, count, skip), "sender-" + t);
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
            System.out.println("burst done");
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void send(MqttLink link, int first, int count, Set<Long> skip) {
        try {
            for (long n = first; n < count; n += SENDERS) {
                if (!skip.contains(n)) {
                    JsonObject body = new JsonObject();
                    body.addProperty("n", n);
                    link.send(new UplinkMessage(BURST_SCHEMA, BURST_SUBTOPIC, Instant.now(), body, Delivery.RECORD, false));
                    System.out.println("sent " + n);
                }
            }
        } catch (UplinkRefusedException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
