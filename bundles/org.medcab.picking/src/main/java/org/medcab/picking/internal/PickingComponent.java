package org.medcab.picking.internal;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.inventory.InventoryListener;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
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

import com.google.gson.JsonObject;

/**
 * The OSGi face of {@link PickEngine}: answers {@code cmd/pick} and {@code cmd/pick-cancel},
 * follows the inventory cycles, tells {@link PickListener}s (the zone lights) and sends the
 * wrong-item alarms. All engine work runs on one thread of its own, off the inventory's and the
 * link's threads. Runs with the defaults when no configuration exists.
 *
 * <p>The command handlers and the inventory listener are registered by hand: DS gives a component
 * one set of service properties, and the two handlers need different {@code medcab.command} values.
 */
@Component(service = {}, immediate = true, configurationPid = PickingComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PickingConfig.class)
public final class PickingComponent implements PickOutlet {
    static final String PID = "org.medcab.picking";
    static final String PICK = "pick";
    static final String PICK_CANCEL = "pick-cancel";
    static final String ALARM_SCHEMA = "medcab/alarm/1";
    static final String ALARM_TOPIC = "events/alarm";

    private static final Logger LOG = LoggerFactory.getLogger(PickingComponent.class);
    private static final long TICK_MILLIS = 1000;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "medcab-picking");
        thread.setDaemon(true);
        return thread;
    });
    private final PickEngine engine;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    /** Requests of picks accepted since start, by request id, until their final reply went out. */
    private final Map<String, CommandRequest> requests = new ConcurrentHashMap<>();
    private final List<PickListener> listeners = new CopyOnWriteArrayList<>();
    private volatile HospitalUplink uplink;
    private volatile CommandReplies replies;
    /** Warn once per outage, not on every retry. Worker thread only. */
    private boolean waitingForLink;

    @Activate
    public PickingComponent(PickingConfig config, BundleContext context, @Reference(name = "catalog") ItemCatalog catalog)
            throws IOException {
        File file = context.getDataFile("picks.json");
        if (file == null) {
            throw new IllegalStateException("the framework gives this bundle no data area to keep active picks in");
        }
        Clock clock = Clock.systemDefaultZone();
        try {
            engine = new PickEngine(catalog, clock, new PickStore(file.toPath(), clock), this, settings(config));
        } catch (IOException | RuntimeException e) {
            LOG.error("pick guidance not started: the pick store {} cannot be read: {}", file, e.toString());
            worker.shutdownNow();
            throw e;
        }
        worker.scheduleWithFixedDelay(() -> guarded("timeouts", engine::tick), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        registrations.add(context.registerService(InventoryListener.class,
                report -> worker.execute(() -> guarded("cycle " + report.cycle(), () -> engine.cycleCompleted(report))),
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab pick guidance"))));
        registrations.add(context.registerService(CommandHandler.class, this::pick,
                FrameworkUtil.asDictionary(Map.of(CommandHandler.COMMAND, PICK))));
        registrations.add(context.registerService(CommandHandler.class, this::cancel,
                FrameworkUtil.asDictionary(Map.of(CommandHandler.COMMAND, PICK_CANCEL))));
    }

    @Modified
    void modified(PickingConfig config) {
        PickSettings settings = settings(config);
        worker.execute(() -> engine.updateSettings(settings));
        LOG.info("pick settings changed, for picks accepted from now on: {}", settings);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        worker.shutdown();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("pick guidance worker did not stop within 5 s");
            worker.shutdownNow();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(PickListener listener) {
        listeners.add(listener);
        worker.execute(() -> engine.zonePicks().forEach(picks -> tell(listener, picks)));
    }

    void unbindListener(PickListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplink(HospitalUplink uplink) {
        this.uplink = uplink;
    }

    void unbindUplink(HospitalUplink uplink) {
        if (this.uplink == uplink) {
            this.uplink = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReplies(CommandReplies replies) {
        this.replies = replies;
    }

    void unbindReplies(CommandReplies replies) {
        if (this.replies == replies) {
            this.replies = null;
        }
    }

    private CommandReply pick(CommandRequest request) throws CommandRejectedException {
        PickOrder order = PickOrder.of(request.payload());
        PickOrigin origin = new PickOrigin(request.requestId(), request.correlationId());
        return onWorker(() -> {
            PickEngine.Accepted accepted = engine.pick(order, origin);
            if (accepted.created()) {
                requests.put(request.requestId(), request);
            }
            return accepted.reply();
        });
    }

    private CommandReply cancel(CommandRequest request) throws CommandRejectedException {
        String orderId = PickOrder.text(request.payload(), "orderId");
        return onWorker(() -> engine.cancel(orderId));
    }

    @Override
    public boolean followUp(PickOrigin origin, CommandReply reply) {
        CommandRequest request = requests.get(origin.requestId());
        CommandReplies link = replies;
        try {
            if (request != null) {
                request.followUp(reply);
            } else if (link != null) {
                link.followUp(PICK, origin.requestId(), origin.correlationId(), reply);
            } else {
                return waiting("no service to reply to requests from before the restart (CommandReplies)");
            }
        } catch (RuntimeException e) {
            return waiting("the " + reply.status().wireName() + " reply to request " + origin.requestId()
                    + " was not taken: " + e);
        }
        requests.remove(origin.requestId());
        waitingForLink = false;
        return true;
    }

    @Override
    public boolean alarm(Instant time, JsonObject body) {
        HospitalUplink link = uplink;
        if (link == null) {
            return waiting("no hospital uplink for alarms");
        }
        try {
            link.send(new UplinkMessage(ALARM_SCHEMA, ALARM_TOPIC, time, body, Delivery.URGENT, false));
        } catch (UplinkRefusedException | RuntimeException e) {
            return waiting("alarm not stored by the uplink: " + e.getMessage());
        }
        waitingForLink = false;
        return true;
    }

    @Override
    public void zonesChanged(List<ZonePicks> changed) {
        for (PickListener listener : listeners) {
            changed.forEach(picks -> tell(listener, picks));
        }
    }

    private boolean waiting(String why) {
        if (!waitingForLink) {
            LOG.warn("pick replies and alarms wait (kept in the pick store, retried every second): {}", why);
            waitingForLink = true;
        }
        return false;
    }

    private static void tell(PickListener listener, ZonePicks picks) {
        try {
            listener.zonePicksChanged(picks);
        } catch (RuntimeException e) {
            LOG.error("pick listener {} failed on {}", listener, picks, e);
        }
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("pick guidance failed on {}", what, e);
        }
    }

    private <T> T onWorker(Callable<T> task) throws CommandRejectedException {
        try {
            return worker.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandRejectedException rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pick guidance", e);
        }
    }

    static PickSettings settings(PickingConfig config) {
        try {
            return PickSettings.of(config.defaultTimeoutSeconds(), config.maxTimeoutSeconds(), config.criticalDays());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected ({}); using the defaults {}", PID, e.getMessage(), PickSettings.DEFAULTS);
            return PickSettings.DEFAULTS;
        }
    }
}
