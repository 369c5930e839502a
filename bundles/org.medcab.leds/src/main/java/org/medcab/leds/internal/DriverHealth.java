package org.medcab.leds.internal;

import java.time.Instant;

/**
 * How a light driver is doing.
 *
 * @param driver   the driver's name
 * @param working  false from its first failed attempt until one succeeds again
 * @param problem  the last failure's message while not working, else empty
 * @param since    when it last changed between working and failing (null before the first attempt)
 * @param failures failed attempts in a row (0 while working)
 */
record DriverHealth(String driver, boolean working, String problem, Instant since, int failures) {
}
