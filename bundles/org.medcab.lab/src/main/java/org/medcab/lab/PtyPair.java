package org.medcab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real serial line: a socat pseudo-terminal pair whose two ends appear as symlinks. Closing it is
 * what unplugging a USB adapter does to both ends: reads and writes fail and the device paths vanish.
 */
public final class PtyPair implements AutoCloseable {
    private final Process process;
    private final Path a;
    private final Path b;

    private PtyPair(Process process, Path a, Path b) {
        this.process = process;
        this.a = a;
        this.b = b;
    }

    public static boolean socatInstalled() {
        return Executables.find("socat").isPresent();
    }

    /** Opens a pair with ends {@code dir/nameA} and {@code dir/nameB}; waits until both exist. */
    public static PtyPair open(Path dir, String nameA, String nameB) throws IOException, InterruptedException {
        Path socat = Executables.find("socat")
                .orElseThrow(() -> new IOException("socat is not installed (Debian: apt-get install socat)"));
        Path a = dir.resolve(nameA);
        Path b = dir.resolve(nameB);
        Path log = dir.resolve("socat-" + nameA + "-" + nameB + ".log");
        Process process = new ProcessBuilder(socat.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("socat did not create " + a + " and " + b + ": " + Files.readString(log));
            }
            Thread.sleep(10);
        }
        return new PtyPair(process, a, b);
    }

    public Path a() {
        return a;
    }

    public Path b() {
        return b;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
