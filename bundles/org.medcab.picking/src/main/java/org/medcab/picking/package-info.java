/**
 * Pick guidance: which zones a pharmacist should take a drug from for an HIS pick order
 * (first expiry, first out), and whether the wrong drug left a zone during a pick. Consumers (the
 * zone lights) register a {@link org.medcab.picking.PickListener} (whiteboard).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.picking;
