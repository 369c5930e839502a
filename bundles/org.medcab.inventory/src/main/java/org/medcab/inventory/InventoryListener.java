package org.medcab.inventory;

/**
 * Whiteboard service: called once per finished inventory cycle, on the inventory's thread.
 * Implementations must return quickly and must not throw; slow work belongs on their own thread,
 * because the next cycle waits for every listener.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface InventoryListener {
    void cycleCompleted(CycleReport report);
}
