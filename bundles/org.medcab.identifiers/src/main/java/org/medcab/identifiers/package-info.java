/**
 * What identifies a drug pack, from whichever source the gateway meets it: the EPC a reader
 * reports from an RFID tag (SGTIN-96, SGTIN-198, or kept raw), the GS1 element string a scanner
 * sends from a pack's DataMatrix (GTIN, batch, expiry, serial), and the 20-digit Chinese drug
 * traceability code. Pure code, no I/O; bad input gives a result that says what is wrong, never
 * an exception.
 * References: GS1 EPC Tag Data Standard 1.13 and the GS1 General Specifications.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.identifiers;
