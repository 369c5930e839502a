package org.medcab.inventory.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.medcab.inventory.InventoryListener;
import org.medcab.rs485.RfidReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi shell over {@link InventoryEngine}: binds every {@link RfidReader} and every
 * {@link InventoryListener} as they come and go, and runs the cycle loop from activation to
 * deactivation. Runs with the defaults when no configuration exists.
 */
@Component(service = {}, immediate = true, configurationPid = InventoryComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = InventoryConfig.class)
public final class InventoryComponent {

    static final String PID = "org.medcab.inventory";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryComponent.class);

    /** Longer than one reader command with its retries, so a clean stop normally completes. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final InventoryEngine engine;
    private final CycleLoop loop;

    @Activate
    public InventoryComponent(InventoryConfig config) {
        engine = new InventoryEngine(List.of(), settings(config));
        loop = new CycleLoop(engine);
    }

    /**
     * Starts the loop once the readers present at activation are bound; its first cycle waits until
     * the readers have settled, since others may still be registering.
     */
    @Activate
    void start() {
        loop.start();
    }

    @Modified
    void modified(InventoryConfig config) {
        engine.updateSettings(settings(config));
        LOG.info("inventory settings changed; they apply from the next cycle: {}", engine.settings());
    }

    @Deactivate
    void stop() {
        loop.stop(STOP_TIMEOUT);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindReader(RfidReader reader) {
        engine.addReader(reader);
    }

    void unbindReader(RfidReader reader) {
        engine.removeReader(reader);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(InventoryListener listener) {
        loop.addListener(listener);
    }

    void unbindListener(InventoryListener listener) {
        loop.removeListener(listener);
    }

    /**
     * Reads the configuration key by key: a bad value is logged and replaced by the default (or the
     * value before it), so one typo does not stop the cabinet from counting.
     */
    static InventorySettings settings(InventoryConfig config) {
        InventorySettings s = InventorySettings.DEFAULTS;
        s = apply(s, "stablePasses", config.stablePasses(), s::withStablePasses);
        s = apply(s, "maxCycleMillis", config.maxCycleMillis(), s::withMaxCycleMillis);
        s = apply(s, "cyclePauseMillis", config.cyclePauseMillis(), s::withCyclePauseMillis);
        s = apply(s, "readerSettleMillis", config.readerSettleMillis(), s::withReaderSettleMillis);
        s = apply(s, "session", config.session(), s::withSession);
        s = apply(s, "target", config.target(), s::withTarget, InventorySettings::targetFromLetter);
        s = apply(s, "rounds", config.rounds(), s::withRounds);
        s = apply(s, "rssiSmoothing", config.rssiSmoothing(), s::withRssiSmoothing);
        s = apply(s, "hysteresisDb", config.hysteresisDb(), s::withHysteresisDb);
        s = apply(s, "placementConfidence", config.placementConfidence(), s::withPlacementConfidence);
        return s;
    }

    private static <T> InventorySettings apply(InventorySettings current, String key, T value,
                                               Function<T, InventorySettings> with) {
        return apply(current, key, value, with, Function.identity());
    }

    private static <T, V> InventorySettings apply(InventorySettings current, String key, T value,
                                                  Function<V, InventorySettings> with, Function<T, V> parse) {
        try {
            return with.apply(parse.apply(value));
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {}: {}={} rejected ({}); keeping its default", PID, key, value, e.getMessage());
            return current;
        }
    }
}
