/**
 * The serial protocol of R2000-family UHF RFID readers: frames, their checksum, a streaming
 * decoder that survives line noise, and typed requests and replies. No I/O happens here, so the
 * codec is tested byte for byte without a serial line.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.reader.protocol;
