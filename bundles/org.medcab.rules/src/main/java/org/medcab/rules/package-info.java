/**
 * What each zone's stock says: expiring or expired items, drugs below the HIS's par levels,
 * unregistered items. Consumers (the zone lights) register a
 * {@link org.medcab.rules.ZoneStatusListener} (whiteboard).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.rules;
