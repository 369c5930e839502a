package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker started by a test on a free local port; stoppable and restartable on the
 * same port. Tests are skipped (with the reason) only where the mosquitto binary is not installed.
 */
final class Mosquitto implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;
    private int starts;

    private Mosquitto(Path binary, Path dir, int port, Path conf) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.conf = conf;
    }

    /** Skips the calling test when mosquitto is not installed. */
    static Path requireBinary() {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(),
                "mosquitto is not installed (apt-get install mosquitto): MQTT tests against a real broker skipped");
        return binary.get();
    }

    private static Optional<Path> binary() {
        List<String> places = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        // Debian installs the broker in sbin, which a non-root PATH often lacks.
        places.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"));
        return places.stream().filter(p -> !p.isEmpty()).map(p -> Path.of(p, "mosquitto"))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a broker in {@code dir}. A persistent broker keeps sessions, queued messages and retained
     * messages across {@link #stop()} and {@link #restart()}, as a production broker does.
     */
    static Mosquitto start(Path dir, boolean persistent, String... extraConfig) throws IOException {
        Path binary = requireBinary();
        int port = freePort();
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence " + persistent,
                "log_dest stdout",
                "log_type all"));
        if (persistent) {
            lines.add("persistence_location " + dir.toAbsolutePath() + "/");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // Run as root, mosquitto switches to user "mosquitto", which cannot use the test's private directory.
            lines.add("user root");
        }
        lines.addAll(List.of(extraConfig));
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, lines);
        Mosquitto broker = new Mosquitto(binary, dir, port, conf);
        broker.launch();
        return broker;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    Path log() {
        return dir.resolve("mosquitto-" + starts + ".log");
    }

    private void launch() throws IOException {
        starts++;
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log()));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        fail("mosquitto did not listen on port " + port + " within 5 s: " + Files.readString(log()));
    }

    /** Stops the broker the way an operator would (SIGTERM): it closes every connection and exits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Starts it again on the same port. */
    void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
