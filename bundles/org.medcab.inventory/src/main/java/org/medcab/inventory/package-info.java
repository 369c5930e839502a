/**
 * Inventory event cycles: what each zone holds after each cycle. Consumers register an
 * {@link org.medcab.inventory.InventoryListener} service (whiteboard) and receive every
 * {@link org.medcab.inventory.CycleReport}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.inventory;
