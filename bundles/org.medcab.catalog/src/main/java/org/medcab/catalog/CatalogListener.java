package org.medcab.catalog;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told when drugs or registered items change, so that what depends on them
 * (zone rules, alarms) is worked out again without waiting for a new read. Called after the
 * change is stored and visible through {@link ItemCatalog}; must return quickly and not throw.
 */
@ConsumerType
public interface CatalogListener {
    /**
     * @param codes the item codes registered, changed or removed (empty when only drugs changed)
     * @param gtins the GTINs of drugs added or changed
     */
    void catalogChanged(Set<String> codes, Set<String> gtins);
}
