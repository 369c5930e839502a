package org.medcab.catalog;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The catalog and the registered items, answered from memory (the durable copy is only read at
 * start). Thread-safe; lookups never block on storage.
 */
@ProviderType
public interface ItemCatalog {
    /** The registered unit with this EPC (upper-case hex) or traceability code; empty when not registered. */
    Optional<RegisteredItem> item(String code);

    /** The drug with this GTIN-14; empty when the HIS has not described it. */
    Optional<Drug> drug(String gtin);
}
