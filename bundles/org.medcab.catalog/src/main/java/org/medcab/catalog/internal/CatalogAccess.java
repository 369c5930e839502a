package org.medcab.catalog.internal;

/**
 * Internal service through which the command handlers reach the catalog the catalog component
 * opened; never seen outside this bundle (its package is private).
 */
interface CatalogAccess {
    Catalog catalog();
}
