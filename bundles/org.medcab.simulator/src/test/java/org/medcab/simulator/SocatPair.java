package org.medcab.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real pseudo-terminal pair made by socat, as the brief's tests use for serial lines. */
final class SocatPair implements AutoCloseable {
    final Path dir;
    final String gatewaySide;
    final String simulatorSide;
    private final Process process;

    private SocatPair(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.gatewaySide = dir.resolve("ttyA").toString();
        this.simulatorSide = dir.resolve("ttyB").toString();
    }

    static SocatPair start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("medcab-sim-");
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + dir.resolve("ttyA"),
                "pty,raw,echo=0,link=" + dir.resolve("ttyB"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        SocatPair pair = new SocatPair(dir, p);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(dir.resolve("ttyA")) && Files.exists(dir.resolve("ttyB")))) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                pair.close();
                throw new IOException("socat did not create the pty pair: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(10);
        }
        return pair;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
