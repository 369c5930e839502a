package org.medcab.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.medcab.demo.GatewayConfigFiles;
import org.medcab.demo.Installation;
import org.medcab.lab.ChildProcess;
import org.medcab.lab.MosquittoBroker;
import org.medcab.lab.PtyPair;

/**
 * A simulated cabinet of processes for end-to-end tests: a real Mosquitto, a socat line, the reader simulator
 * process on one end with the layout's demo scenario, a hospital subscriber to the gateway's topics, and the
 * gateway's configuration written from the scenario's installation facts (plus the layout's inventory
 * configuration). The gateway itself is started, killed and restarted by the test with {@link #startGateway}.
 */
final class ProcessCabinet implements AutoCloseable {
    final Path dir;
    final Path scenarioFile;
    final Path config;
    final Path deploy;
    final MosquittoBroker broker;
    final ChildProcess simulator;
    final HospitalSubscriber hospital;
    final String prefix;
    /** Closed first to last: gateways, hospital, simulator, line, broker. */
    private final List<AutoCloseable> parts = new ArrayList<>();

    private ProcessCabinet(Path dir, String site, String gateway) throws Exception {
        this.dir = dir;
        Path layout = GatewayBundles.layout();
        scenarioFile = layout.resolve("scenarios/demo-cabinet.json");
        prefix = "medcab/" + site + "/" + gateway + "/";
        broker = MosquittoBroker.start(Files.createDirectories(dir.resolve("broker")), false);
        parts.add(0, broker);
        PtyPair line = PtyPair.open(dir, "ttyGateway", "ttySimulator");
        parts.add(0, line);
        simulator = ChildProcess.start("simulator", List.of(layout.resolve("bin/medcab-simulator").toString(),
                "--port", line.b().toString(), "--scenario", scenarioFile.toString()), System.out, "[simulator] ");
        parts.add(0, () -> simulator.stop(Duration.ofSeconds(5)));
        assertTrue("simulator ready: " + simulator.recentOutput(),
                simulator.awaitLine(l -> l.contains("simulator ready"), Duration.ofSeconds(30)));
        hospital = new HospitalSubscriber(broker.url(), prefix + "#");
        parts.add(0, hospital);

        config = Files.createDirectories(dir.resolve("config"));
        Files.copy(layout.resolve("config/org.medcab.inventory.config"), config.resolve("org.medcab.inventory.config"));
        GatewayConfigFiles.write(GatewayConfigFiles.files(Installation.parse(Files.readString(scenarioFile)),
                line.a(), new GatewayConfigFiles.HospitalLink(broker.url(), site, gateway)), config);
        deploy = Files.createDirectories(dir.resolve("deploy"));
    }

    /** Starts everything but the gateway; on failure, stops what was started. */
    static ProcessCabinet start(Path dir, String site, String gateway) throws Exception {
        return new ProcessCabinet(dir, site, gateway);
    }

    /** Starts the assembled gateway on this cabinet's folders (storage kept across restarts). */
    ChildProcess startGateway() throws Exception {
        Path layout = GatewayBundles.layout();
        ChildProcess gateway = ChildProcess.start("gateway", List.of(layout.resolve("bin/medcab").toString(),
                "--config", config.toString(), "--storage", dir.resolve("storage").toString(),
                "--deploy", deploy.toString()), System.out, "[gateway] ");
        parts.add(0, () -> gateway.stop(Duration.ofSeconds(10)));
        return gateway;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("stopping a part of the test cabinet failed: " + e);
            }
        }
    }
}
