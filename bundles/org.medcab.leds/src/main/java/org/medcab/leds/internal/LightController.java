package org.medcab.leds.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.medcab.leds.LightDriver;
import org.medcab.leds.LightScene;
import org.medcab.leds.ZoneLight;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.ZoneStatus;

/**
 * Keeps the newest rules status and pick state of every zone, derives each zone's light
 * ({@link LightRules}), keeps the blink phase ({@link BlinkClock}) and hands each scene to every
 * driver's {@link DriverWorker}. Callers never wait for a driver.
 */
final class LightController implements AutoCloseable {
    private final RetryPolicy retry;
    private final Clock clock;
    private final Consumer<DriverHealth> healthChanged;
    private final Map<String, ZoneStatus> statuses = new HashMap<>();
    private final Map<String, ZonePicks> picks = new HashMap<>();
    private final Map<LightDriver, DriverWorker> workers = new IdentityHashMap<>();
    private Map<String, ZoneLight> lights = Map.of();
    private long tick;
    private LightScene scene = LightScene.DARK;

    /** @param healthChanged told when a driver starts failing and when it works again, on that driver's thread */
    LightController(RetryPolicy retry, Clock clock, Consumer<DriverHealth> healthChanged) {
        this.retry = retry;
        this.clock = clock;
        this.healthChanged = healthChanged;
    }

    synchronized void zoneStatusChanged(ZoneStatus status) {
        statuses.put(status.zone(), status);
        relight();
    }

    synchronized void zonePicksChanged(ZonePicks zonePicks) {
        if (zonePicks.picking() || zonePicks.wrongItem()) {
            picks.put(zonePicks.zone(), zonePicks);
        } else {
            picks.remove(zonePicks.zone());
        }
        relight();
    }

    /** Advances the blink phase by one {@link BlinkClock#TICK_MILLIS}; lamp drivers hear of it only when a lamp changes. */
    synchronized void tick() {
        tick++;
        LightScene next = new LightScene(lights, BlinkClock.lit(lights, tick));
        if (!next.lit().equals(scene.lit())) {
            scene = next;
            for (DriverWorker worker : workers.values()) {
                if (worker.driver().followsBlinkPhases()) {
                    worker.offer(scene);
                }
            }
        }
    }

    private void relight() {
        Map<String, ZoneLight> next = LightRules.lights(statuses, picks);
        if (next.equals(lights)) {
            return;
        }
        lights = next;
        scene = new LightScene(lights, BlinkClock.lit(lights, tick));
        for (DriverWorker worker : workers.values()) {
            worker.offer(scene);
        }
    }

    synchronized LightScene scene() {
        return scene;
    }

    /** Starts the driver's worker and shows it the current scene. */
    synchronized void addDriver(LightDriver driver) {
        if (!workers.containsKey(driver)) {
            DriverWorker worker = new DriverWorker(driver, retry, clock, healthChanged);
            workers.put(driver, worker);
            worker.offer(scene);
        }
    }

    void removeDriver(LightDriver driver) {
        DriverWorker worker;
        synchronized (this) {
            worker = workers.remove(driver);
        }
        if (worker != null) {
            worker.close(); // outside the lock: may wait for the driver's current call
        }
    }

    synchronized List<DriverHealth> health() {
        List<DriverHealth> health = new ArrayList<>();
        for (DriverWorker worker : workers.values()) {
            health.add(worker.health());
        }
        return health;
    }

    @Override
    public void close() {
        List<LightDriver> drivers;
        synchronized (this) {
            drivers = new ArrayList<>(workers.keySet());
        }
        drivers.forEach(this::removeDriver);
    }
}
