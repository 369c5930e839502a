package org.medcab.inventory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.medcab.api.ReaderHealth;
import org.medcab.api.TagObservation;
import org.medcab.rs485.AntennaRead;
import org.medcab.rs485.InventoryRequest;
import org.medcab.rs485.ReaderUnavailableException;
import org.medcab.rs485.RfidReader;

/**
 * Test double of a reader: each antenna hears a scripted set of tags, each at a mean RSSI plus
 * optional Gaussian noise, one read per tag per command. Can be switched offline.
 */
final class FakeReader implements RfidReader {
    private final Cabinet cabinet;
    private final String id;
    private final Map<Integer, String> zones = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Double>> heard = new ConcurrentHashMap<>();
    private final Random random = new Random(1);
    private final List<InventoryRequest> requests = new ArrayList<>();
    private volatile double noiseDb;
    private volatile int readsPerCommand = 1;
    private volatile Exception failure;
    private volatile IntConsumer beforeCommand = antenna -> { };
    private volatile int commands;

    FakeReader(Cabinet cabinet, String id, String... antennaZones) {
        this.cabinet = cabinet;
        this.id = id;
        for (String az : antennaZones) {
            String[] parts = az.split("=");
            int port = Integer.parseInt(parts[0]);
            zones.put(port, parts[1]);
            heard.put(port, new ConcurrentHashMap<>());
        }
    }

    /** The antenna hears the tag at this mean RSSI from now on. */
    FakeReader hears(int antenna, String epc, double meanDbm) {
        heard.get(antenna).put(epc, meanDbm);
        return this;
    }

    FakeReader stopsHearing(int antenna, String epc) {
        heard.get(antenna).remove(epc);
        return this;
    }

    FakeReader noise(double sigmaDb, long seed) {
        noiseDb = sigmaDb;
        random.setSeed(seed);
        return this;
    }

    /** Each command reads every tag this many times (as several rounds per command would). */
    FakeReader readsPerCommand(int reads) {
        readsPerCommand = reads;
        return this;
    }

    /** Every further command throws this (null: answer again). */
    FakeReader failWith(Exception e) {
        failure = e;
        return this;
    }

    FakeReader offline() {
        return failWith(new ReaderUnavailableException("no answer after 2 retries"));
    }

    FakeReader online() {
        return failWith(null);
    }

    /** Runs before each command, with the antenna; lets a test change the world mid-cycle. */
    FakeReader beforeCommand(IntConsumer hook) {
        beforeCommand = hook;
        return this;
    }

    int commands() {
        return commands;
    }

    synchronized List<InventoryRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<Integer, String> zonesByAntenna() {
        return new HashMap<>(zones);
    }

    @Override
    public ReaderHealth health() {
        return new ReaderHealth(id, "bus1", 1, failure == null, commands, 0, 0, failure == null ? cabinet.clock.instant() : null);
    }

    @Override
    public AntennaRead inventory(int antenna, InventoryRequest request) throws ReaderUnavailableException {
        int onAir = cabinet.onAir.incrementAndGet();
        cabinet.maxOnAir.accumulateAndGet(onAir, Math::max);
        try {
            synchronized (this) {
                requests.add(request);
            }
            commands++;
            cabinet.calls.add(id + "/" + antenna);
            beforeCommand.accept(antenna);
            cabinet.clock.advance(cabinet.commandMillis);
            Exception e = failure;
            if (e instanceof ReaderUnavailableException unavailable) {
                throw unavailable;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            List<TagObservation> observations = new ArrayList<>();
            Instant now = cabinet.clock.instant();
            for (int i = 0; i < readsPerCommand; i++) {
                heard.get(antenna).forEach((epc, mean) -> {
                    double dbm = mean + (noiseDb > 0 ? random.nextGaussian() * noiseDb : 0);
                    observations.add(new TagObservation(epc, id, antenna, (int) Math.round(dbm), now));
                });
            }
            return new AntennaRead(id, antenna, observations, observations.size(), Duration.ofMillis(cabinet.commandMillis));
        } finally {
            cabinet.onAir.decrementAndGet();
        }
    }
}
