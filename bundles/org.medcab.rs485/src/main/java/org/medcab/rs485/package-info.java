/**
 * Readers on RS485 buses, as the rest of the gateway sees them: one {@link org.medcab.rs485.RfidReader}
 * service per configured reader. How bytes reach the reader (serial port, half-duplex turn-taking,
 * retries, reopening an unplugged adapter) stays inside this bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.rs485;
