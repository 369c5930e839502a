package org.medcab.his;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** medcab-his run in-process, as a user would run it, with its output captured. */
final class Cli {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit;

    private Cli(Map<String, String> env, String stdin, String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env);
        exit = CompletableFuture.supplyAsync(() -> HisClient.run(Arrays.asList(args), console));
    }

    static Cli start(String... args) {
        return new Cli(Map.of(), "", args);
    }

    static Cli start(Map<String, String> env, String stdin, String... args) {
        return new Cli(env, stdin, args);
    }

    /** Runs to the end. */
    static Cli run(String... args) throws Exception {
        Cli cli = start(args);
        cli.exit(Duration.ofSeconds(30));
        return cli;
    }

    int exit(Duration timeout) throws Exception {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("medcab-his did not end within " + timeout + "\nstdout:\n" + out() + "\nstderr:\n" + err());
        }
    }

    /** Waits until standard error has a line containing {@code part} (e.g. "watching" once subscribed). */
    void awaitErr(String part, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!err().contains(part)) {
            if (exit.isDone() || System.nanoTime() > deadline) {
                fail("no '" + part + "' on stderr; stdout:\n" + out() + "\nstderr:\n" + err());
            }
            Thread.sleep(20);
        }
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> outLines() {
        return out().lines().toList();
    }
}
