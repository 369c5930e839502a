package org.medcab.catalog.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.medcab.catalog.CatalogListener;
import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog in memory over its durable store. Lookups read only the maps; a batch is written to the
 * store in groups of {@value #ROWS_PER_TRANSACTION} rows, one transaction each, and a group becomes
 * visible in the maps (and is told to the listeners) only after its commit. So a crash, or a storage
 * failure, leaves whole groups: those committed (and reported as applied) and nothing of the rest.
 * Public (in a private package) for the benchmarks, which run it outside the framework.
 */
public final class Catalog implements ItemCatalog {
    static final int ROWS_PER_TRANSACTION = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final CatalogStore store;
    private final Clock clock;
    private final Map<String, RegisteredItem> items = new ConcurrentHashMap<>();
    private final Map<String, Drug> drugs = new ConcurrentHashMap<>();
    private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
    private final Object writing = new Object();
    /** Equal batches, dates and times share one instance; touched at load and under {@link #writing} only. */
    private final Map<Object, Object> canonical = new HashMap<>();

    private Catalog(CatalogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Loads every drug and item of the store into memory. */
    public static Catalog load(CatalogStore store, Clock clock) throws SQLException {
        Catalog catalog = new Catalog(store, clock);
        store.loadDrugs(d -> catalog.drugs.put(d.gtin(), d));
        store.loadItems(i -> catalog.items.put(i.code(), catalog.shared(i)));
        LOG.info("catalog loaded: {} drugs, {} registered items", catalog.drugs.size(), catalog.items.size());
        return catalog;
    }

    @Override
    public Optional<RegisteredItem> item(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(items.get(code));
    }

    @Override
    public Optional<Drug> drug(String gtin) {
        return gtin == null ? Optional.empty() : Optional.ofNullable(drugs.get(gtin));
    }

    boolean isRegistered(String code) {
        return items.containsKey(code);
    }

    public int itemCount() {
        return items.size();
    }

    Clock clock() {
        return clock;
    }

    /** How many registered codes each (gtin, batch) of {@code batches} has: the pool of known codes per batch. */
    Map<BatchKey, Integer> poolSizes(Set<BatchKey> batches) {
        Map<BatchKey, Integer> sizes = new LinkedHashMap<>();
        batches.forEach(b -> sizes.put(b, 0));
        for (RegisteredItem item : items.values()) {
            BatchKey key = new BatchKey(item.gtin(), item.batch());
            sizes.computeIfPresent(key, (k, n) -> n + 1);
        }
        return sizes;
    }

    /** A batch of one drug. */
    record BatchKey(String gtin, String batch) {
    }

    void addListener(CatalogListener listener) {
        listeners.add(listener);
    }

    void removeListener(CatalogListener listener) {
        listeners.remove(listener);
    }

    /** Inserts or changes the drugs that differ from what is known; the rows are already validated. */
    public BatchOutcome applyDrugs(List<Accepted<Drug>> rows) {
        synchronized (writing) {
            Tally tally = new Tally();
            List<Accepted<Drug>> changed = new ArrayList<>();
            for (Accepted<Drug> row : rows) {
                if (row.value().equals(drugs.get(row.value().gtin()))) {
                    tally.unchanged.add(row.index());
                } else {
                    changed.add(row);
                }
            }
            for (int from = 0; from < changed.size(); from += ROWS_PER_TRANSACTION) {
                List<Accepted<Drug>> group = changed.subList(from, Math.min(changed.size(), from + ROWS_PER_TRANSACTION));
                List<Drug> values = group.stream().map(Accepted::value).toList();
                try {
                    store.upsertDrugs(values);
                } catch (SQLException | RuntimeException e) {
                    return tally.failed(changed.size() - from, e, "drugs");
                }
                Set<String> gtins = new LinkedHashSet<>();
                for (Accepted<Drug> row : group) {
                    drugs.put(row.value().gtin(), row.value());
                    gtins.add(row.value().gtin());
                    tally.applied.add(row.index());
                }
                tell(Set.of(), gtins);
            }
            return tally.done(0);
        }
    }

    /**
     * Registers the items that differ from what is known (a changed row gets a new registration time,
     * an unchanged one keeps its own), then removes the codes in {@code removals}; rows already validated.
     */
    public BatchOutcome applyItems(List<Accepted<RegisteredItem>> rows, List<Accepted<String>> removals) {
        synchronized (writing) {
            Tally tally = new Tally();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<Accepted<RegisteredItem>> changed = new ArrayList<>();
            for (Accepted<RegisteredItem> row : rows) {
                RegisteredItem known = items.get(row.value().code());
                if (known != null && sameRegistration(known, row.value())) {
                    tally.unchanged.add(row.index());
                } else {
                    RegisteredItem v = row.value();
                    changed.add(new Accepted<>(row.index(), shared(new RegisteredItem(v.code(), v.gtin(), v.batch(),
                            v.expiry(), v.productionDate(), now))));
                }
            }
            for (int from = 0; from < changed.size(); from += ROWS_PER_TRANSACTION) {
                List<Accepted<RegisteredItem>> group =
                        changed.subList(from, Math.min(changed.size(), from + ROWS_PER_TRANSACTION));
                try {
                    store.writeItems(group.stream().map(Accepted::value).toList(), List.of());
                } catch (SQLException | RuntimeException e) {
                    return tally.failed(changed.size() - from + removals.size(), e, "items");
                }
                Set<String> codes = new LinkedHashSet<>();
                for (Accepted<RegisteredItem> row : group) {
                    items.put(row.value().code(), row.value());
                    codes.add(row.value().code());
                    tally.applied.add(row.index());
                }
                tell(codes, Set.of());
            }
            List<Accepted<String>> present = new ArrayList<>();
            for (Accepted<String> removal : removals) {
                if (items.containsKey(removal.value())) {
                    present.add(removal);
                } else {
                    tally.unchangedRemovals++;
                }
            }
            int removed = 0;
            for (int from = 0; from < present.size(); from += ROWS_PER_TRANSACTION) {
                List<String> group = present.subList(from, Math.min(present.size(), from + ROWS_PER_TRANSACTION))
                        .stream().map(Accepted::value).toList();
                try {
                    store.writeItems(List.of(), group);
                } catch (SQLException | RuntimeException e) {
                    tally.removed = removed;
                    return tally.failed(present.size() - from, e, "item removals");
                }
                group.forEach(items::remove);
                removed += group.size();
                tell(new LinkedHashSet<>(group), Set.of());
            }
            return tally.done(removed);
        }
    }

    private static boolean sameRegistration(RegisteredItem a, RegisteredItem b) {
        return a.gtin().equals(b.gtin()) && a.batch().equals(b.batch()) && a.expiry().equals(b.expiry())
                && Objects.equals(a.productionDate(), b.productionDate());
    }

    /**
     * The item with the drug's own GTIN string and shared batch, dates and registration time: 100,000
     * items of a few drugs and batches then hold one copy of each, not 100,000. Called at load and
     * under the write lock only.
     */
    private RegisteredItem shared(RegisteredItem item) {
        Drug drug = drugs.get(item.gtin());
        return new RegisteredItem(item.code(), drug == null ? item.gtin() : drug.gtin(), canonical(item.batch()),
                canonical(item.expiry()), item.productionDate() == null ? null : canonical(item.productionDate()),
                canonical(item.registered()));
    }

    @SuppressWarnings("unchecked")
    private <T> T canonical(T value) {
        return (T) canonical.computeIfAbsent(value, v -> v);
    }

    private void tell(Set<String> codes, Set<String> gtins) {
        Set<String> c = Set.copyOf(codes);
        Set<String> g = Set.copyOf(gtins);
        for (CatalogListener listener : listeners) {
            try {
                listener.catalogChanged(c, g);
            } catch (RuntimeException e) {
                LOG.warn("catalog listener {} failed: {}", listener, e.toString(), e);
            }
        }
    }

    /** Row indexes and counts while a batch is applied. */
    private static final class Tally {
        final List<Integer> applied = new ArrayList<>();
        final List<Integer> unchanged = new ArrayList<>();
        int unchangedRemovals;
        int removed;

        BatchOutcome done(int removedRows) {
            return new BatchOutcome(applied.size(), unchanged.size() + unchangedRemovals, removedRows, 0, null,
                    applied, unchanged);
        }

        BatchOutcome failed(int notApplied, Exception e, String what) {
            LOG.error("storing {} failed after {} rows were applied; the other {} valid rows were not stored: {}",
                    what, applied.size() + removed, notApplied, e.toString(), e);
            return new BatchOutcome(applied.size(), unchanged.size() + unchangedRemovals, removed, notApplied,
                    "storage failed: " + e.getMessage(), applied, unchanged);
        }
    }
}
