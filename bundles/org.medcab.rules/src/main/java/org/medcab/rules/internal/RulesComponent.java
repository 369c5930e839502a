package org.medcab.rules.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.medcab.catalog.CatalogListener;
import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.HospitalUplink;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.medcab.rules.ZoneStatusListener;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi shell over {@link RulesEngine}: hears inventory cycles and catalog changes, answers
 * {@code cmd/par-levels}, tells every {@link ZoneStatusListener} and the HIS, and re-runs the rules
 * at local midnight. Everything the engine does runs on one thread, {@code medcab-rules}, so the
 * inventory, the catalog and the link never wait for the rules.
 *
 * <p>The {@link ItemCatalog} is mandatory: without it every item would look unregistered and every
 * zone would raise its alarm. While the catalog is away (its bundle updating) the rules are
 * deactivated; listeners keep the last status they were told and the next cycle after it returns
 * sets them right. Runs with the defaults when no configuration exists.
 */
@Component(service = {InventoryListener.class, CatalogListener.class, CommandHandler.class}, immediate = true,
        configurationPid = RulesComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = CommandHandler.COMMAND + "=" + ParLevelsCommand.NAME)
@Designate(ocd = RulesConfig.class)
public final class RulesComponent implements InventoryListener, CatalogListener, CommandHandler {

    static final String PID = "org.medcab.rules";

    private static final Logger LOG = LoggerFactory.getLogger(RulesComponent.class);
    /** The midnight timer also looks at the wall clock this often, to notice a clock set across a date. */
    private static final Duration MAX_SLEEP = Duration.ofMinutes(10);

    private final ScheduledExecutorService thread;
    private final RulesEngine engine;
    private final ParLevelsCommand parLevels;
    private final MidnightTimer midnight;
    private final String storageFolder;

    @Activate
    public RulesComponent(BundleContext context, RulesConfig config, @Reference(name = "catalog") ItemCatalog catalog) {
        RuleSettings settings = settings(config);
        storageFolder = config.storageFolder();
        RulesStore store = new RulesStore(storageFolder.isBlank()
                ? context.getDataFile("").toPath() : Path.of(storageFolder));
        ParLevels levels = loadLevels(store);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "medcab-rules"));
        // The midnight timer always has a task waiting: a stop must not wait for it.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread = executor;
        Clock clock = Clock.systemUTC();
        engine = new RulesEngine(catalog, clock, store, settings, levels, loadRequested(store));
        parLevels = new ParLevelsCommand(store, levels, table -> run(() -> engine.parLevelsChanged(table)));
        midnight = new MidnightTimer(clock, this::schedule, MAX_SLEEP, () -> {
            LOG.info("new day {} in {}: zone rules run again", engine.today(), engine.settings().timeZone());
            engine.evaluateAll();
        });
        LOG.info("zone rules: {} par levels from {}; warning {} days, critical {} days, time zone {}",
                levels.size(), store.levelsFile(), settings.warningDays(), settings.criticalDays(), settings.timeZone());
    }

    @Activate
    void start() {
        ZoneId zone = engine.settings().timeZone();
        run(() -> midnight.start(zone));
    }

    @Modified
    void modified(RulesConfig config) {
        RuleSettings settings = settings(config);
        if (!storageFolder.equals(config.storageFolder())) {
            LOG.warn("configuration {}: storageFolder changes from '{}' to '{}' only when the rules bundle restarts",
                    PID, storageFolder, config.storageFolder());
        }
        run(() -> {
            engine.settingsChanged(settings);
            midnight.start(settings.timeZone());
            LOG.info("zone rules settings: warning {} days, critical {} days, time zone {}",
                    settings.warningDays(), settings.criticalDays(), settings.timeZone());
        });
    }

    @Deactivate
    void stop() {
        run(midnight::stop);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("zone rules thread did not finish within 5 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void cycleCompleted(CycleReport report) {
        run(() -> engine.cycleCompleted(report));
    }

    @Override
    public void catalogChanged(Set<String> codes, Set<String> gtins) {
        Set<String> changedCodes = new TreeSet<>(codes);
        Set<String> changedGtins = new TreeSet<>(gtins);
        run(() -> engine.catalogChanged(changedCodes, changedGtins));
    }

    @Override
    public CommandReply handle(CommandRequest request) throws CommandRejectedException {
        return parLevels.handle(request);
    }

    @Reference(name = "listener", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(ZoneStatusListener listener) {
        run(() -> engine.addListener(listener));
    }

    void unbindListener(ZoneStatusListener listener) {
        run(() -> engine.removeListener(listener));
    }

    @Reference(name = "uplink", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplink(HospitalUplink uplink) {
        run(() -> engine.uplinkBound(uplink));
    }

    void unbindUplink(HospitalUplink uplink) {
        run(() -> engine.uplinkUnbound(uplink));
    }

    /** On the rules thread; a failure is logged and does not stop the rules. */
    private void run(Runnable task) {
        try {
            thread.execute(logged(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("zone rules stopped; ignored: {}", task);
        }
    }

    private MidnightTimer.Cancellable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> f = thread.schedule(logged(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("zone rules failed", e);
            }
        };
    }

    private static ParLevels loadLevels(RulesStore store) {
        try {
            return store.loadLevels();
        } catch (IOException e) {
            LOG.error("par levels could not be loaded; no zone has par levels until the HIS sends cmd/par-levels: {}",
                    e.getMessage());
            return ParLevels.EMPTY;
        }
    }

    private static Set<ZoneDrug> loadRequested(RulesStore store) {
        try {
            return store.loadRequested();
        } catch (IOException e) {
            LOG.error("outstanding replenishment requests could not be loaded; drugs at their reorder point are "
                    + "requested again: {}", e.getMessage());
            return Set.of();
        }
    }

    /** Key by key: a bad value is logged and the default kept, so one typo does not stop the rules. */
    static RuleSettings settings(RulesConfig config) {
        RuleSettings s = RuleSettings.defaults();
        s = apply(s, "warningDays", config.warningDays(), s::withWarningDays);
        s = apply(s, "criticalDays", config.criticalDays(), s::withCriticalDays);
        s = apply(s, "timeZone", config.timeZone(), s::withTimeZone, RulesComponent::timeZone);
        if (s.criticalDays() > s.warningDays()) {
            LOG.warn("configuration {}: criticalDays {} > warningDays {}: no item is ever merely expiring",
                    PID, s.criticalDays(), s.warningDays());
        }
        return s;
    }

    static ZoneId timeZone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone id (use an IANA id such as Europe/Berlin)", e);
        }
    }

    private static <T> RuleSettings apply(RuleSettings current, String key, T value, Function<T, RuleSettings> with) {
        return apply(current, key, value, with, Function.identity());
    }

    private static <T, V> RuleSettings apply(RuleSettings current, String key, T value,
                                             Function<V, RuleSettings> with, Function<T, V> parse) {
        try {
            return with.apply(parse.apply(value));
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {}: {}={} rejected ({}); keeping {}", PID, key, value, e.getMessage(),
                    key.equals("timeZone") ? "the system time zone " + current.timeZone() : "the default");
            return current;
        }
    }
}
