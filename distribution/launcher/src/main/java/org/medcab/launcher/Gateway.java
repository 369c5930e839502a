package org.medcab.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

/**
 * One run of the gateway's OSGi framework: starts Equinox with the layout's bundles, tells clearly which bundle
 * did not start and why, forwards the framework's warnings and errors (Declarative Services failures among them)
 * to the console, and stops everything in order.
 */
final class Gateway {
    /** Framework property: lowest level of the framework log (LogService) printed on the console. */
    static final String OSGI_LOG_LEVEL = "medcab.log.osgi.level";

    private final FrameworkSettings settings;
    private final ConsoleLog log;
    private volatile Framework framework;
    private volatile boolean stopping;

    /** What {@link #start()} found: bundles running, fragments attached, and one line per bundle that is not. */
    record Started(Framework framework, List<Bundle> bundles, int active, int fragments, List<String> problems) {
    }

    Gateway(FrameworkSettings settings, ConsoleLog log) {
        this.settings = settings;
        this.log = log;
    }

    Started start() throws BundleException, IOException {
        long t0 = System.nanoTime();
        String configStore = settings.get(FrameworkSettings.CONFIG_STORE);
        if (configStore != null) {
            StaleConfigurations.purge(Path.of(configStore), log);
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no OSGi framework on the class path (framework/org.eclipse.osgi.jar)"));
        Framework fw = factory.newFramework(settings.frameworkProperties());
        fw.init();
        framework = fw;
        BundleContext context = fw.getBundleContext();
        forwardFrameworkLog(context);

        List<Bundle> bundles = new BundleFolder(settings.bundles(), settings.storage(), log).synchronize(context);
        fw.start();
        // Resolve all at once first, so fragments (slf4j-simple) attach before their hosts get wired.
        fw.adapt(FrameworkWiring.class).resolveBundles(bundles);

        List<String> problems = new ArrayList<>();
        int active = 0;
        int fragments = 0;
        for (Bundle b : bundles) {
            String name = b.getSymbolicName() + " " + b.getVersion();
            if (BundleFolder.isFragment(b)) {
                if (b.getState() == Bundle.RESOLVED) {
                    fragments++;
                } else {
                    problems.add("fragment " + name + " is not attached to its host (state " + state(b) + ")");
                }
                continue;
            }
            try {
                b.start();
                active++;
            } catch (BundleException | IllegalStateException e) {
                problems.add(name + " did not start: " + e.getMessage()
                        + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : ""));
            }
        }
        for (String problem : problems) {
            log.error(problem, null);
        }
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        log.info("gateway started in " + ms + " ms: " + active + " bundles active, " + fragments
                + " fragments attached" + (problems.isEmpty() ? "" : ", " + problems.size() + " NOT STARTED (see above)")
                + "; config " + settings.configDir() + ", deploy " + settings.deployDir()
                + ", storage " + settings.storage());
        return new Started(fw, bundles, active, fragments, List.copyOf(problems));
    }

    /** Blocks until the framework has stopped, for whatever reason. */
    FrameworkEvent awaitStop() throws InterruptedException {
        return framework.waitForStop(0);
    }

    /** Stops every bundle in reverse start order and waits for them; safe to call more than once. */
    void stop(Duration timeout) {
        stopping = true;
        Framework fw = framework;
        if (fw == null || (fw.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        log.info("stopping the gateway");
        try {
            fw.stop();
            FrameworkEvent event = fw.waitForStop(timeout.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("the gateway did not stop within " + timeout.toSeconds() + " s; exiting anyway");
            } else {
                log.info("gateway stopped");
            }
        } catch (BundleException e) {
            log.error("stopping the framework failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isStopping() {
        return stopping;
    }

    private void forwardFrameworkLog(BundleContext context) {
        LogLevel threshold = threshold(settings.get(OSGI_LOG_LEVEL));
        ServiceReference<LogReaderService> ref = context.getServiceReference(LogReaderService.class);
        if (ref == null) {
            log.warn("the framework has no log reader: component errors will not show on the console");
            return;
        }
        context.getService(ref).addLogListener((LogEntry entry) -> {
            if (threshold.implies(entry.getLogLevel())) {
                Bundle b = entry.getBundle();
                String source = b == null || b.getSymbolicName() == null ? "framework" : b.getSymbolicName();
                log.print(entry.getLogLevel().name(), source, entry.getMessage(), entry.getException());
            }
        });
    }

    private LogLevel threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return LogLevel.WARN;
        }
        try {
            return LogLevel.valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            log.warn(OSGI_LOG_LEVEL + "=" + configured + " is not a log level (error, warn, info, debug); using warn");
            return LogLevel.WARN;
        }
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
