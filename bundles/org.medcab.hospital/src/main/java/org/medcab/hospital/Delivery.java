package org.medcab.hospital;

/**
 * How an uplink message travels, and what the durable outbox may do with it when the broker is
 * away for long and the outbox reaches its configured bounds.
 */
public enum Delivery {
    /**
     * Alarms, dispensing verdicts, command replies: overtake any backlog of other messages and are
     * never dropped.
     */
    URGENT,
    /**
     * Records that must all arrive, in order (inventory additions and deletions, dispense and
     * traceability records, status changes): never dropped.
     */
    RECORD,
    /**
     * Informational messages (health reports): in order, but when the outbox is full the oldest of
     * them are dropped first, counted and logged.
     */
    ROUTINE,
    /**
     * A state of which only the newest matters (a zone snapshot, a zone's lights): an older message
     * on the same subtopic that has not gone out yet is replaced by the newer one.
     */
    LATEST
}
