/**
 * The reader simulator: R2000-family readers and Gen2 tags on a real serial line, with the pinned
 * physics of section 8 of the reader protocol spec. {@link org.medcab.simulator.Scenario} is the
 * scenario file (readers, antennas, tags, faults); {@link org.medcab.simulator.Simulator} runs one
 * on a serial port; {@link org.medcab.simulator.SimulatorMain} is the standalone command.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.simulator;
