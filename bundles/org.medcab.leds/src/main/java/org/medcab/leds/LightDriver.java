package org.medcab.leds;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that shows the zone lights somewhere: relay coils, GPIO lines, an MQTT topic.
 *
 * <p>The controller calls {@link #show} on a thread of its own for each driver, never on the
 * rules' or the picking's thread, and only with the newest scene: a driver that is slow or gone
 * makes its own lamps lag, never the rules or the other drivers. When {@code show} throws, the
 * controller reports the driver as failing and calls it again with the newest scene after
 * 1 s, 2 s, 4 s ... at most 30 s, until it succeeds; a driver that lost its hardware must then
 * set every output again, since it cannot know what its outputs did meanwhile.
 */
@ConsumerType
public interface LightDriver {
    /** A short name for logs and health reports, e.g. {@code modbus /dev/ttyUSB1}. */
    String name();

    /**
     * Whether the driver switches lamps and so needs every blink phase ({@link LightScene#lit()}).
     * A mirror that reports {@link LightScene#lights()} says false and is called only when a zone's
     * light changes.
     */
    default boolean followsBlinkPhases() {
        return true;
    }

    /**
     * Shows the scene. Called again for every change; may compare with what it showed last and
     * change only what differs. Should return within a second or so (bounded I/O timeouts).
     *
     * @throws LightDriverException when the outputs could not be set
     */
    void show(LightScene scene) throws LightDriverException;
}
