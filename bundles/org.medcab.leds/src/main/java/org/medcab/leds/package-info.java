/**
 * Zone lights: the one light each shelf zone shows ({@link org.medcab.leds.ZoneLight}) and the
 * whiteboard through which drivers put it on real lamps or elsewhere ({@link org.medcab.leds.LightDriver}).
 * The light controller of this bundle decides the lights; drivers only show them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.leds;
