package org.medcab.picking.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * {@link PickEngine} at work: answers {@code cmd/pick} and {@code cmd/pick-cancel}, follows the
 * inventory cycles, tells {@link PickListener}s (the zone lights) and sends the wrong-item alarms.
 * All engine work runs on one thread of its own, off the inventory's and the link's threads.
 * Follow-up replies go to the live request while this instance holds it, and through
 * {@link CommandReplies} for picks resumed after a restart. Plain Java; {@link PickingComponent}
 * wires it into OSGi.
 */
final class PickGuidance implements PickOutlet, InventoryListener {
    static final String PICK = "pick";
    static final String PICK_CANCEL = "pick-cancel";
    static final String ALARM_SCHEMA = "medcab/alarm/1";
    static final String ALARM_TOPIC = "events/alarm";

    private static final Logger LOG = LoggerFactory.getLogger(PickGuidance.class);
    private static final long TICK_MILLIS = 1000;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "medcab-picking");
        thread.setDaemon(true);
        return thread;
    });
    private final PickEngine engine;
    /** Requests of picks accepted since start, by request id, until their final reply went out. */
    private final Map<String, CommandRequest> requests = new ConcurrentHashMap<>();
    /** Pick requests whose handler has not returned yet. */
    private final Set<String> handling = ConcurrentHashMap.newKeySet();
    private final List<PickListener> listeners = new CopyOnWriteArrayList<>();
    private volatile HospitalUplink uplink;
    private volatile CommandReplies replies;
    /** Warn once per outage, not on every retry. Worker thread only. */
    private boolean waitingForLink;

    /** Resumes the picks in {@code storeFile} and starts the timeout clock. */
    PickGuidance(ItemCatalog catalog, Clock clock, Path storeFile, PickSettings settings) throws IOException {
        try {
            engine = new PickEngine(catalog, clock, new PickStore(storeFile, clock), this, settings);
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
        worker.scheduleWithFixedDelay(() -> guarded("timeouts", engine::tick), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    void updateSettings(PickSettings settings) {
        later("new settings", () -> engine.updateSettings(settings));
    }

    /** Stops after the work already queued, waiting up to 5 s. */
    void close() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("pick guidance worker did not stop within 5 s");
            worker.shutdownNow();
        }
    }

    @Override
    public void cycleCompleted(CycleReport report) {
        later("cycle " + report.cycle(), () -> engine.cycleCompleted(report));
    }

    /** Adds a listener and tells it the pick state of every zone that has one. */
    void addListener(PickListener listener) {
        listeners.add(listener);
        later("a new pick listener", () -> engine.zonePicks().forEach(picks -> tell(listener, picks)));
    }

    void removeListener(PickListener listener) {
        listeners.remove(listener);
    }

    /** The uplink for alarms; null when there is none. */
    void uplink(HospitalUplink uplink) {
        this.uplink = uplink;
    }

    /** The link's service for replies to requests from before a restart; null when there is none. */
    void replies(CommandReplies replies) {
        this.replies = replies;
    }

    /** {@code cmd/pick}. */
    CommandReply pick(CommandRequest request) throws CommandRejectedException {
        PickOrder order = PickOrder.of(request.payload());
        PickOrigin origin = new PickOrigin(request.requestId(), request.correlationId());
        handling.add(request.requestId());
        try {
            return onWorker(() -> {
                PickEngine.Accepted accepted = engine.pick(order, origin);
                if (accepted.created()) {
                    requests.put(request.requestId(), request);
                }
                return accepted.reply();
            });
        } finally {
            handling.remove(request.requestId());
        }
    }

    /** {@code cmd/pick-cancel}. */
    CommandReply cancel(CommandRequest request) throws CommandRejectedException {
        String orderId = PickOrder.text(request.payload(), "orderId");
        return onWorker(() -> engine.cancel(orderId));
    }

    @Override
    public boolean followUp(PickOrigin origin, CommandReply reply) {
        if (handling.contains(origin.requestId())) {
            return false; // the outcome must not overtake the accepted reply the handler is still returning
        }
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

    /** Queues work for the worker; after {@link #close} there is no one left to do it. */
    private void later(String what, Runnable work) {
        try {
            worker.execute(() -> guarded(what, work));
        } catch (RejectedExecutionException e) {
            LOG.debug("pick guidance stopped; {} ignored", what);
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
}
