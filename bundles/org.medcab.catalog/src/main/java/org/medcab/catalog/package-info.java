/**
 * What every item in the cabinet is: the drug catalog (GTIN to drug) and the registered items
 * (EPC or drug traceability code to GTIN, batch and expiry), as loaded by the HIS and by
 * receiving registration. {@link org.medcab.catalog.ItemCatalog} answers from memory.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.catalog;
