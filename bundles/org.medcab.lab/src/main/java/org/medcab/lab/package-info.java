/**
 * Workbench wiring for a simulated cabinet: real serial lines (socat pseudo-terminal pairs), a real
 * local Mosquitto broker, a simulated Modbus lamp board, and child processes. Shared by the demo, the benchmarks and the tests so
 * that each does not grow its own copy.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.lab;
