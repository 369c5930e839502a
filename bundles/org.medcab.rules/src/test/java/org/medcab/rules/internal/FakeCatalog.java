package org.medcab.rules.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.medcab.catalog.Drug;
import org.medcab.catalog.ItemCatalog;
import org.medcab.catalog.RegisteredItem;

/** An in-memory {@link ItemCatalog} the tests fill as they go. */
final class FakeCatalog implements ItemCatalog {
    private final Map<String, RegisteredItem> items = new ConcurrentHashMap<>();
    private final Map<String, Drug> drugs = new ConcurrentHashMap<>();

    FakeCatalog drug(String gtin, String name) {
        drugs.put(gtin, new Drug(gtin, name, "", "", "", "", ""));
        return this;
    }

    FakeCatalog item(String code, String gtin, LocalDate expiry) {
        items.put(code, new RegisteredItem(code, gtin, "LOT1", expiry, null, Instant.EPOCH));
        return this;
    }

    FakeCatalog item(RegisteredItem item) {
        items.put(item.code(), item);
        return this;
    }

    @Override
    public Optional<RegisteredItem> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    @Override
    public Optional<Drug> drug(String gtin) {
        return Optional.ofNullable(drugs.get(gtin));
    }
}
