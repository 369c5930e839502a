package org.medcab.picking.internal;

import java.util.Objects;

/**
 * The {@code cmd/pick} request a pick answers to: what a follow-up reply needs once the request
 * object itself is gone (after a restart).
 */
record PickOrigin(String requestId, String correlationId) {
    PickOrigin {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
