package org.medcab.launcher;

import java.nio.file.Path;
import java.time.Duration;

import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * {@code bin/medcab}: runs the gateway until it is stopped. Ctrl-C and SIGTERM (systemd, the demo, a test)
 * stop the framework through a shutdown hook, so every bundle's deactivation runs: the MQTT link says goodbye,
 * serial ports are closed.
 */
public final class Main {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STOPPED_BY_HOOK = -1;

    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLog log = new ConsoleLog("launcher");
        LauncherOptions options;
        FrameworkSettings settings;
        try {
            String home = System.getProperty("medcab.home");
            options = LauncherOptions.parse(args, home == null ? null : Path.of(home), Path.of("").toAbsolutePath());
            if (options.help()) {
                System.out.println(LauncherOptions.USAGE);
                return;
            }
            settings = FrameworkSettings.load(options);
        } catch (IllegalArgumentException e) {
            System.err.println("medcab: " + e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("medcab: " + e.getMessage());
            System.exit(2);
            return;
        }
        settings.applyLoggingSystemProperties();
        int code = run(settings, log);
        if (code != STOPPED_BY_HOOK) {
            System.exit(code);
        }
    }

    /**
     * Starts the gateway inside this JVM, for tests and embedding: the same arguments as {@code bin/medcab}
     * ({@code --home DIR} unless the system property {@code medcab.home} is set). Nothing stops it on exit:
     * the caller stops it with {@code framework.stop()} and {@code framework.waitForStop(timeout)}.
     *
     * @return the running framework; bundles that did not start are already reported on the console
     */
    public static Framework launch(String... args) throws Exception {
        String home = System.getProperty("medcab.home");
        LauncherOptions options = LauncherOptions.parse(args, home == null ? null : Path.of(home),
                Path.of("").toAbsolutePath());
        FrameworkSettings settings = FrameworkSettings.load(options);
        settings.applyLoggingSystemProperties();
        return new Gateway(settings, new ConsoleLog("launcher")).start().framework();
    }

    private static int run(FrameworkSettings settings, ConsoleLog log) {
        Gateway gateway = new Gateway(settings, log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> gateway.stop(STOP_TIMEOUT), "medcab-shutdown"));
        try {
            while (true) {
                gateway.start();
                FrameworkEvent stopped = gateway.awaitStop();
                if (gateway.isStopping()) {
                    // The shutdown hook is stopping us; the JVM exits when it is done (System.exit would block).
                    return STOPPED_BY_HOOK;
                }
                if (stopped.getType() == FrameworkEvent.STOPPED_UPDATE
                        || stopped.getType() == FrameworkEvent.STOPPED_SYSTEM_REFRESHED) {
                    log.info("the framework asked for a restart; starting again");
                    continue;
                }
                log.info("the framework stopped by itself" + (stopped.getThrowable() != null
                        ? ": " + stopped.getThrowable() : ""));
                return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            log.error("the gateway cannot start: " + e.getMessage(), e);
            gateway.stop(STOP_TIMEOUT);
            return 1;
        }
    }
}
