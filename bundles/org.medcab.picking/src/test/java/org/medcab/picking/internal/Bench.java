package org.medcab.picking.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.medcab.api.ZoneInventory;
import org.medcab.api.ZoneState;
import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandReply;
import org.medcab.identifiers.Gtin;
import org.medcab.inventory.CycleReport;
import org.medcab.picking.ZonePicks;

import com.google.gson.JsonObject;

/**
 * A cabinet on the test bench for {@link PickEngine}: an in-memory catalog, a settable clock, zones
 * whose contents the test changes between cycles, a recording outlet, and a real pick store file.
 */
final class Bench implements ItemCatalog, PickOutlet {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    static final String PARACETAMOL = gtin("0950110153000");
    static final String IBUPROFEN = gtin("0950110154000");

    record FollowUp(PickOrigin origin, CommandReply reply) {
    }

    record Alarm(Instant time, JsonObject body) {
    }

    final Path storeFile;
    final MutableClock clock = new MutableClock(T0);
    final Map<String, RegisteredItem> items = new HashMap<>();
    /** Zone → contents and state of the next cycle. */
    final Map<String, Set<String>> zones = new LinkedHashMap<>();
    final Map<String, ZoneState> states = new HashMap<>();
    private final Map<String, Set<String>> previous = new HashMap<>();
    final List<FollowUp> followUps = new ArrayList<>();
    final List<Alarm> alarms = new ArrayList<>();
    final List<ZonePicks> zonePicks = new ArrayList<>();
    boolean linkUp = true;
    private long cycle;
    PickEngine engine;

    Bench(Path dir, String... zoneIds) {
        storeFile = dir.resolve("picks.json");
        for (String zone : zoneIds) {
            zones.put(zone, new TreeSet<>());
            states.put(zone, ZoneState.KNOWN);
        }
        engine = start(PickSettings.DEFAULTS);
    }

    static String gtin(String first13) {
        return first13 + Gtin.checkDigit(first13);
    }

    /** A new engine on the same store, as after a restart. */
    PickEngine start(PickSettings settings) {
        try {
            engine = new PickEngine(this, clock, new PickStore(storeFile, clock), this, settings);
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a unit and puts it in a zone. */
    String put(String zone, String code, String gtin, String batch, String expiry) {
        items.put(code, new RegisteredItem(code, gtin, batch, LocalDate.parse(expiry), null, T0.minusSeconds(86400)));
        zones.get(zone).add(code);
        return code;
    }

    void take(String zone, String code) {
        if (!zones.get(zone).remove(code)) {
            throw new AssertionError(code + " is not in " + zone);
        }
    }

    /** Runs one inventory cycle showing the zones as they are now, ten seconds after the last. */
    CycleReport cycle() {
        CycleReport report = report();
        engine.cycleCompleted(report);
        return report;
    }

    /** The report of the next cycle, ten seconds after the last, without running it. */
    CycleReport report() {
        clock.advance(Duration.ofSeconds(10));
        List<ZoneInventory> report = new ArrayList<>();
        zones.forEach((zone, now) -> {
            ZoneState state = states.get(zone);
            if (state == ZoneState.UNKNOWN) {
                report.add(new ZoneInventory(zone, state, previous.getOrDefault(zone, Set.of()), Set.of(), Set.of()));
                return;
            }
            Set<String> before = previous.getOrDefault(zone, Set.of());
            Set<String> added = new TreeSet<>(now);
            added.removeAll(before);
            Set<String> removed = new TreeSet<>(before);
            removed.removeAll(now);
            report.add(new ZoneInventory(zone, state, now, added, removed));
            previous.put(zone, Set.copyOf(now));
        });
        return new CycleReport(++cycle, clock.instant().minusSeconds(2), Duration.ofSeconds(2), 3, true, report,
                List.of());
    }

    @Override
    public Optional<RegisteredItem> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    @Override
    public Optional<Drug> drug(String gtin) {
        return Optional.empty();
    }

    @Override
    public boolean followUp(PickOrigin origin, CommandReply reply) {
        if (linkUp) {
            followUps.add(new FollowUp(origin, reply));
        }
        return linkUp;
    }

    @Override
    public boolean alarm(Instant time, JsonObject body) {
        if (linkUp) {
            alarms.add(new Alarm(time, body));
        }
        return linkUp;
    }

    @Override
    public void zonesChanged(List<ZonePicks> changed) {
        zonePicks.addAll(changed);
    }

    /** A clock the test moves; the cabinet's local time zone is UTC. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
