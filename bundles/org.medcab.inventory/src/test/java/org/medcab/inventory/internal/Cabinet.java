package org.medcab.inventory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: fake readers sharing one clock and one "air", so tests can check that no two
 * readers ever transmit at once, and can let each command take simulated time.
 */
final class Cabinet {
    final FakeClock clock = new FakeClock();
    final AtomicInteger onAir = new AtomicInteger();
    final AtomicInteger maxOnAir = new AtomicInteger();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Simulated duration of every antenna command. */
    volatile long commandMillis = 100;

    /** A reader with antennas given as "port=zone". */
    FakeReader reader(String id, String... antennaZones) {
        return new FakeReader(this, id, antennaZones);
    }

    InventoryEngine engine(InventorySettings settings, FakeReader... readers) {
        return new InventoryEngine(List.of(readers), settings, clock, clock::millis);
    }
}
