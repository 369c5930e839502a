package org.medcab.rules;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told the status of every zone when it binds and of each zone whose status
 * changes afterwards (condition, reasons or alarm). Called on the rules' thread; must return
 * quickly and not throw.
 */
@ConsumerType
public interface ZoneStatusListener {
    void zoneStatusChanged(ZoneStatus status);
}
