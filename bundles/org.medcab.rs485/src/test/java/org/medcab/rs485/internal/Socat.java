package org.medcab.rs485.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A socat pseudo-terminal pair: a real serial line between the bus (ttyA) and the test's readers (ttyB). */
final class Socat implements AutoCloseable {
    private final Process process;
    private final Path a;
    private final Path b;

    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    Socat(Path dir) throws IOException, InterruptedException {
        a = dir.resolve("ttyA");
        b = dir.resolve("ttyB");
        process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive() || System.nanoTime() > end) {
                process.destroyForcibly();
                throw new IOException("socat did not create " + a + " and " + b + ": "
                        + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(10);
        }
    }

    Path a() {
        return a;
    }

    Path b() {
        return b;
    }

    /** Ends socat like an unplugged adapter: both ends fail and the links vanish. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
