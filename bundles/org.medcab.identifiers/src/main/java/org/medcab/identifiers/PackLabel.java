package org.medcab.identifiers;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scanned drug pack label says (GS1 element string, AIs 01, 10, 11, 17, 21).
 *
 * @param gtin           AI 01, the GTIN-14, check digit verified
 * @param batch          AI 10, the batch (lot) number
 * @param expiry         AI 17; a label's day 00 means the last day of that month
 * @param productionDate AI 11; a label's day 00 (month only) is taken as the first day of that month
 * @param serial         AI 21, the pack's serial
 */
public record PackLabel(String gtin, Optional<String> batch, Optional<LocalDate> expiry,
                        Optional<LocalDate> productionDate, Optional<String> serial) implements Identifier {

    public PackLabel {
        if (!Gtin.isValid(gtin)) {
            throw new IllegalArgumentException("not a GTIN-14 with a valid check digit: " + Gs1Text.quote(gtin));
        }
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(productionDate, "productionDate");
        Objects.requireNonNull(serial, "serial");
    }
}
