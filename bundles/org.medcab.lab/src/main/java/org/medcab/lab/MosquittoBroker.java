package org.medcab.lab;

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

/** A real Mosquitto on a free loopback port, stoppable and restartable on the same port. */
public final class MosquittoBroker implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;
    private int starts;

    private MosquittoBroker(Path binary, Path dir, int port, Path conf) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.conf = conf;
    }

    public static Optional<Path> binary() {
        return Executables.find("mosquitto");
    }

    /**
     * Starts a broker in {@code dir}. A persistent one keeps sessions, queued and retained messages
     * across {@link #stop()} and {@link #restart()}, as a production broker does.
     *
     * @param extraConfig further mosquitto.conf lines (listeners for TLS, ACLs, ...)
     */
    public static MosquittoBroker start(Path dir, boolean persistent, String... extraConfig) throws IOException {
        Path binary = binary().orElseThrow(
                () -> new IOException("mosquitto is not installed (Debian: apt-get install mosquitto)"));
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
        lines.addAll(List.of(extraConfig));
        return launch(binary, dir, port, lines);
    }

    /**
     * Starts a broker on exactly this configuration, e.g. a shipped mosquitto.conf with its paths and
     * listener rewritten for the bench; {@code port} is the listener waited for ({@link #url()} names it
     * as plain {@code tcp://}, whatever the listener speaks).
     */
    public static MosquittoBroker startConfigured(Path dir, int port, List<String> configuration) throws IOException {
        Path binary = binary().orElseThrow(
                () -> new IOException("mosquitto is not installed (Debian: apt-get install mosquitto)"));
        return launch(binary, dir, port, new ArrayList<>(configuration));
    }

    private static MosquittoBroker launch(Path binary, Path dir, int port, List<String> lines) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            // Run as root, mosquitto switches to user "mosquitto", which cannot use a private temp directory.
            lines.add("user root");
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, lines);
        MosquittoBroker broker = new MosquittoBroker(binary, dir, port, conf);
        broker.launch();
        return broker;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The log of the current (or last) run. */
    public Path log() {
        return dir.resolve("mosquitto-" + starts + ".log");
    }

    private void launch() throws IOException {
        starts++;
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log()));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mosquitto", e);
                }
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within 5 s: " + Files.readString(log()));
    }

    /** Stops the broker as an operator would (SIGTERM): it closes every connection and exits. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Starts it again on the same port. */
    public void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
