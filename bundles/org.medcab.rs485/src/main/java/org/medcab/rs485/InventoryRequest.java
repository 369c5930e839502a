package org.medcab.rs485;

/**
 * Gen2 parameters of one inventory command (0x8B).
 *
 * @param session Gen2 session 0..3
 * @param target  0 = A, 1 = B
 * @param rounds  inventory rounds the reader runs before its summary, 1..254
 */
public record InventoryRequest(int session, int target, int rounds) {
    public InventoryRequest {
        if (session < 0 || session > 3) {
            throw new IllegalArgumentException("session must be 0..3: " + session);
        }
        if (target != 0 && target != 1) {
            throw new IllegalArgumentException("target must be 0 (A) or 1 (B): " + target);
        }
        if (rounds < 1 || rounds > 254) {
            throw new IllegalArgumentException("rounds must be 1..254: " + rounds);
        }
    }
}
