package org.medcab.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.medcab.lab.ChildProcess;
import org.medcab.lab.Executables;
import org.medcab.lab.MosquittoBroker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/** The MQTT broker the gateway reports to during the demo: one the demo runs, or one given by URL. */
interface Broker extends AutoCloseable {
    /** The largest remaining length MQTT 3.1.1 can encode. */
    int MAX_MQTT_MESSAGE_BYTES = 268_435_455;

    String url();

    @Override
    void close();

    /** A broker that is already there (--broker URL); the demo neither starts nor stops it. */
    static Broker external(String url) {
        return new Broker() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }

    /**
     * Moquette inside the demo's JVM on a free loopback port: nothing to install. Telemetry (on by default in
     * Moquette, it calls home) and epoll are off; nothing is persisted.
     */
    static Broker embedded() throws IOException {
        int port = MosquittoBroker.freePort();
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("persistence_enabled", "false");
        // Moquette refuses messages over 8092 bytes by default and drops the connection; a zone of a few hundred
        // items is more than that. Like Mosquitto, accept what the protocol allows.
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MQTT_MESSAGE_BYTES));
        Server server = new Server();
        server.startServer(new MemoryConfig(p));
        String url = "tcp://127.0.0.1:" + port;
        return new Broker() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                server.stopServer();
            }
        };
    }

    /** Mosquitto (Debian package mosquitto) on a free loopback port, started and stopped by the demo. */
    static Broker mosquitto(Path runDir, PrintStream console) throws IOException, InterruptedException {
        // Not lab's MosquittoBroker: the broker must run in its own session (ChildProcess does that), or Ctrl-C
        // would stop it before the gateway has said goodbye through it.
        Path binary = Executables.find("mosquitto").orElseThrow(() -> new IOException(
                "--mosquitto: the mosquitto broker is not installed (sudo apt-get install mosquitto), "
                        + "or leave the option out to use the embedded broker"));
        int port = MosquittoBroker.freePort();
        Path conf = runDir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        ChildProcess process = ChildProcess.start("mosquitto", List.of(binary.toString(), "-c", conf.toString()),
                console, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(2));
                throw new IOException("Mosquitto did not start listening on port " + port + ":\n"
                        + process.recentOutput());
            }
            Thread.sleep(50);
        }
        String url = "tcp://127.0.0.1:" + port;
        return new Broker() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                process.stop(Duration.ofSeconds(5));
            }
        };
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
