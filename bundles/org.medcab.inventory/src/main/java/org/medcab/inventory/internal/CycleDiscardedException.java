package org.medcab.inventory.internal;

/**
 * A cycle was given up without a report and without touching the inventory's state, because the
 * set of readers changed while it ran: its zones were not all looked at by the readers it started
 * with. Unchecked, so plain callers of {@link InventoryEngine#runCycle()} with a fixed set of readers
 * need not handle it.
 */
public final class CycleDiscardedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CycleDiscardedException(String message) {
        super(message);
    }
}
