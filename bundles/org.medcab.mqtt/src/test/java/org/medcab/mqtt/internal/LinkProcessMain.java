package org.medcab.mqtt.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.google.gson.JsonObject;

import org.medcab.hospital.Delivery;
import org.medcab.hospital.UplinkMessage;

/**
 * A gateway JVM running only the MQTT link, for the tests that kill it with SIGKILL.
 * Args: {@code brokerUrl dataDirectory} (gateway "killed", just connects), or
 * {@code brokerUrl dataDirectory gateway from to}: sends messages {@code from..to-1} (RECORD, body
 * {@code {"n": n}}) through {@link org.medcab.hospital.HospitalUplink#send} and prints {@code sent n}
 * as each send returns, then {@code burst done}.
 */
public final class LinkProcessMain {
    static final String BURST_SCHEMA = "medcab/test-burst/1";
    static final String BURST_SUBTOPIC = "events/burst";

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
            long from = Long.parseLong(args[3]);
            long to = Long.parseLong(args[4]);
            for (long n = from; n < to; n++) {
                JsonObject body = new JsonObject();
                body.addProperty("n", n);
                link.send(new UplinkMessage(BURST_SCHEMA, BURST_SUBTOPIC, Instant.now(), body, Delivery.RECORD, false));
                System.out.println("sent " + n);
            }
            System.out.println("burst done");
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
