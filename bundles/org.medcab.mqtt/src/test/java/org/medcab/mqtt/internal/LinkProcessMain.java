package org.medcab.mqtt.internal;

import java.nio.file.Path;
import java.util.List;

/** A gateway JVM running only the MQTT link, for the test that kills it: args brokerUrl, dataDirectory. */
public final class LinkProcessMain {
    private LinkProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        LinkSettings settings = LinkSettings.builder(args[0], "site1", "killed").build();
        MqttLink link = new MqttLink(settings, Path.of(args[1]),
                () -> List.of(new BundleVersion("org.medcab.mqtt", "0.1.0")));
        link.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
