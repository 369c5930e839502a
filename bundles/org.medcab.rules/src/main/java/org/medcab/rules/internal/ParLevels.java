package org.medcab.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The par level table, immutable: a change makes a new table, so readers on other threads never see half of one. */
final class ParLevels {
    static final ParLevels EMPTY = new ParLevels(Map.of());

    private final Map<ZoneDrug, ParLevel> rows;

    private ParLevels(Map<ZoneDrug, ParLevel> rows) {
        this.rows = rows;
    }

    static ParLevels of(Collection<ParLevel> levels) {
        Map<ZoneDrug, ParLevel> rows = new TreeMap<>();
        for (ParLevel level : levels) {
            if (rows.put(level.key(), level) != null) {
                throw new IllegalArgumentException("two par levels for " + level.key());
            }
        }
        return new ParLevels(Collections.unmodifiableMap(rows));
    }

    /**
     * This table with {@code changes} applied in order: a row with level 0 removes the drug's par level
     * in that zone, any other replaces or adds it.
     */
    ParLevels merge(List<Change> changes) {
        Map<ZoneDrug, ParLevel> merged = new TreeMap<>(rows);
        for (Change change : changes) {
            if (change.level() == null) {
                merged.remove(change.key());
            } else {
                merged.put(change.key(), change.level());
            }
        }
        return new ParLevels(Collections.unmodifiableMap(merged));
    }

    /** The rows for one zone. */
    List<ParLevel> zone(String zone) {
        List<ParLevel> result = new ArrayList<>();
        for (ParLevel level : rows.values()) {
            if (level.zone().equals(zone)) {
                result.add(level);
            }
        }
        return result;
    }

    boolean contains(ZoneDrug key) {
        return rows.containsKey(key);
    }

    /** Every row, by zone then GTIN. */
    Collection<ParLevel> rows() {
        return rows.values();
    }

    int size() {
        return rows.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParLevels other && rows.equals(other.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return rows.values().toString();
    }

    /**
     * One validated row of a par-levels command.
     *
     * @param key   the zone and drug
     * @param level the new par level, or null to remove it (level 0 in the command)
     */
    record Change(ZoneDrug key, ParLevel level) {
    }
}
