package org.medcab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the bench runs (simulator, gateway, ...), with its output lines echoed under a prefix
 * or kept quiet, and a stop that leaves nothing behind: SIGTERM to it and its descendants, a grace period for
 * clean shutdown, then SIGKILL for whatever is left.
 * <p>
 * Each child gets its own session ({@code setsid}) so that Ctrl-C in the terminal reaches the parent alone: the
 * parent then stops the children in order (gateway first, while the broker still carries its goodbye).
 */
public final class ChildProcess {
    private static final int KEPT_LINES = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Deque<String> recent = new ArrayDeque<>();
    private final List<String> lines = new ArrayList<>();
    private final Writer stdin;
    private boolean outputClosed;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * @param echoPrefix prefix for echoing each output line on {@code console}, or null to keep the output quiet
     *                   (it is still shown if the process fails, see {@link #recentOutput()})
     */
    public static ChildProcess start(String name, List<String> command, PrintStream console, String echoPrefix)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(name, process);
        Thread pump = new Thread(() -> child.pump(console, echoPrefix), name + "-output");
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump(PrintStream console, String echoPrefix) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    lines.add(line);
                    recent.addLast(line);
                    if (recent.size() > KEPT_LINES) {
                        recent.removeFirst();
                    }
                    notifyAll();
                }
                if (echoPrefix != null) {
                    console.println(echoPrefix + line);
                }
            }
        } catch (IOException e) {
            // The process is gone; its exit is reported by whoever waits for it.
        } finally {
            synchronized (this) {
                outputClosed = true;
                notifyAll();
            }
        }
    }

    /** Waits for an output line (past or future) that matches; false on timeout or if the process ends first. */
    public synchronized boolean awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (wanted.test(lines.get(seen))) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || outputClosed) {
                return false;
            }
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
        }
    }

    /** Sends one line to the process's standard input (simulator commands). */
    public void send(String line) throws IOException {
        synchronized (stdin) {
            stdin.write(line + "\n");
            stdin.flush();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    public synchronized String recentOutput() {
        return String.join(System.lineSeparator(), recent);
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace} for them, then kills
     * whatever is left. Returns the exit code, or -1 if it had to be killed.
     */
    public int stop(Duration grace) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(0, process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean killed = false;
        for (ProcessHandle p : family) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
                killed = true;
            }
        }
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // SIGKILL cannot be refused; only a process stuck in the kernel would still be here.
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed by the process's end
        }
        return killed ? -1 : process.exitValue();
    }
}
