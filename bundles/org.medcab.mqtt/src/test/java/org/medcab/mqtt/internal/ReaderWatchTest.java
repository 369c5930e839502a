package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medcab.mqtt.internal.Cycles.reader;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.medcab.api.ReaderHealth;

class ReaderWatchTest {
    private static List<String> ids(List<ReaderHealth> readers) {
        return readers.stream().map(r -> r.readerId() + (r.online() ? "+" : "-")).toList();
    }

    @Test
    void firstReportNamesOfflineReadersOnly() {
        ReaderWatch watch = new ReaderWatch();
        assertEquals(List.of("r2-"), ids(watch.changes(List.of(reader("r1", 1, true), reader("r2", 2, false)))));
    }

    @Test
    void laterReportsNameReadersWhoseStateChanged() {
        ReaderWatch watch = new ReaderWatch();
        watch.changes(List.of(reader("r1", 1, true), reader("r2", 2, false)));
        assertEquals(List.of(), ids(watch.changes(List.of(reader("r1", 1, true), reader("r2", 2, false)))));
        assertEquals(List.of("r1-", "r2+"), ids(watch.changes(List.of(reader("r1", 1, false), reader("r2", 2, true)))));
        // A reader added to the configuration later is treated like one in the first report.
        assertEquals(List.of("r3-"), ids(watch.changes(List.of(reader("r1", 1, false), reader("r2", 2, true),
                reader("r3", 3, false)))));
    }
}
