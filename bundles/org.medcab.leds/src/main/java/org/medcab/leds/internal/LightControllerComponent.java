package org.medcab.leds.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.leds.LightDriver;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;
import org.medcab.rules.ZoneStatus;
import org.medcab.rules.ZoneStatusListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone light controller: a {@link ZoneStatusListener} and a {@link PickListener} (whiteboard;
 * without a picking bundle no zone turns green), showing every zone's light on every
 * {@link LightDriver} service there is (dynamic: drivers come and go with their configuration).
 * Tells the HIS, when the hospital link is there, that a driver failed or works again
 * ({@code events/led-driver}). Starts without configuration.
 */
@Component(immediate = true, configurationPid = LightControllerComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {ZoneStatusListener.class, PickListener.class})
@Designate(ocd = LightControllerComponent.Config.class)
public final class LightControllerComponent implements ZoneStatusListener, PickListener {
    static final String PID = "org.medcab.leds";
    private static final Logger LOG = LoggerFactory.getLogger(LightControllerComponent.class);

    @ObjectClassDefinition(name = "medcab zone lights",
            description = "Derives one light per shelf zone from the rules and the picks and shows it on every configured light driver (Modbus, GPIO, MQTT mirror).")
    public @interface Config {
        @AttributeDefinition(name = "First retry pause (ms)", description = "Pause before showing the lights again on a failed driver (100..60000); doubles after each further failure.")
        int retryFirstMillis() default 1000;

        @AttributeDefinition(name = "Longest retry pause (ms)", description = "The pause between attempts on a failed driver stops doubling here (100..600000).")
        int retryLongestMillis() default 30000;
    }

    private final LightController controller;
    private final ScheduledExecutorService blink;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile HospitalUplink uplink; // package access: set by tests as SCR does

    @Activate
    public LightControllerComponent(Config config) {
        RetryPolicy retry;
        try {
            retry = retryPolicy(config);
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected: {}", PID, e.getMessage());
            throw e;
        }
        controller = new LightController(retry, Clock.systemUTC(), this::healthChanged);
        blink = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "medcab-leds blink");
            thread.setDaemon(true);
            return thread;
        });
        blink.scheduleAtFixedRate(this::tick, BlinkClock.TICK_MILLIS, BlinkClock.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    static RetryPolicy retryPolicy(Config config) {
        int first = config.retryFirstMillis();
        int longest = config.retryLongestMillis();
        if (first < 100 || first > 60_000 || longest < 100 || longest > 600_000) {
            throw new IllegalArgumentException("retryFirstMillis must be 100..60000 and retryLongestMillis 100..600000: "
                    + first + ", " + longest);
        }
        return new RetryPolicy(Duration.ofMillis(first), Duration.ofMillis(longest));
    }

    /** On the driver's own thread: storing in the outbox may wait for the disk. */
    private void healthChanged(DriverHealth health) {
        HospitalUplink link = uplink;
        if (link == null) {
            return;
        }
        try {
            link.send(DriverHealthEvent.of(health));
        } catch (UplinkRefusedException e) {
            // The mirror fails for the same reason then; the log has the driver's failure already.
            LOG.warn("light driver {}: health change not sent to the HIS: {}", health.driver(), e.getMessage());
        }
    }

    private void tick() {
        try {
            controller.tick();
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule: the lamps would freeze mid-blink.
            LOG.error("blink tick failed", e);
        }
    }

    @Override
    public void zoneStatusChanged(ZoneStatus status) {
        try {
            controller.zoneStatusChanged(status);
        } catch (RuntimeException e) {
            LOG.error("zone {}: status not shown on the lights", status.zone(), e);
        }
    }

    @Override
    public void zonePicksChanged(ZonePicks picks) {
        try {
            controller.zonePicksChanged(picks);
        } catch (RuntimeException e) {
            LOG.error("zone {}: picks not shown on the lights", picks.zone(), e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(LightDriver driver) {
        controller.addDriver(driver);
        LOG.info("light driver {} added", driver.name());
    }

    void removeDriver(LightDriver driver) {
        controller.removeDriver(driver);
        LOG.info("light driver {} removed", driver.name());
    }

    @Deactivate
    void deactivate() {
        blink.shutdownNow();
        controller.close();
    }
}
