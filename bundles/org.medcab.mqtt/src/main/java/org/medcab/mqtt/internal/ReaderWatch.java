package org.medcab.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.medcab.api.ReaderHealth;

/**
 * Notices readers whose online state changed since the previous cycle report. A reader seen for
 * the first time counts as a change only when it is offline: "reader r1 is online" on start-up is
 * what the birth message already says, "reader r1 is offline" is news.
 */
final class ReaderWatch {
    private final Map<String, Boolean> lastOnline = new HashMap<>();

    synchronized List<ReaderHealth> changes(List<ReaderHealth> readers) {
        List<ReaderHealth> changed = new ArrayList<>();
        for (ReaderHealth reader : readers) {
            Boolean before = lastOnline.put(reader.readerId(), reader.online());
            if (before == null ? !reader.online() : before != reader.online()) {
                changed.add(reader);
            }
        }
        return changed;
    }
}
