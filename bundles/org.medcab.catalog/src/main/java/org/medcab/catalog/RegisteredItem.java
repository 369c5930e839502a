package org.medcab.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One registered unit: its code, what it is and when it expires.
 *
 * @param code           the tag's EPC (upper-case hex, as the inventory reports it) or the unit's
 *                       20-digit drug traceability code
 * @param gtin           the drug's GTIN-14
 * @param batch          batch or lot number
 * @param expiry         the last day the unit may be used (a GS1 day-00 expiry is already the
 *                       month's last day)
 * @param productionDate null when not known
 * @param registered     when the code was registered
 */
public record RegisteredItem(String code, String gtin, String batch, LocalDate expiry, LocalDate productionDate,
                             Instant registered) {
    public RegisteredItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(registered, "registered");
    }

    public Optional<LocalDate> production() {
        return Optional.ofNullable(productionDate);
    }
}
