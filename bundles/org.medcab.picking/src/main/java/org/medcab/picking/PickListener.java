package org.medcab.picking;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told the pick state of every zone that has one when it binds, and of each
 * zone whose pick state changes afterwards (a zone that no longer has picks or alarms is told
 * once with empty orders and no alarm). Must return quickly and not throw.
 */
@ConsumerType
public interface PickListener {
    void zonePicksChanged(ZonePicks picks);
}
