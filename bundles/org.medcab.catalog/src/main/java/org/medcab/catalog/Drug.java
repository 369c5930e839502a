package org.medcab.catalog;

import java.util.Objects;

/**
 * A drug product as the HIS describes it, keyed by its GTIN-14.
 *
 * @param gtin           GTIN-14, 14 digits with a valid check digit
 * @param name           the drug's name as the pharmacy knows it
 * @param strength       for example {@code 500 mg}; may be empty
 * @param form           dosage form, for example {@code tablet}; may be empty
 * @param manufacturer   may be empty
 * @param approvalNumber the marketing authorisation number; may be empty
 * @param storageClass   for example {@code room}, {@code cold}, {@code controlled}; may be empty
 */
public record Drug(String gtin, String name, String strength, String form, String manufacturer,
                   String approvalNumber, String storageClass) {
    public Drug {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(name, "name");
        strength = Objects.requireNonNullElse(strength, "");
        form = Objects.requireNonNullElse(form, "");
        manufacturer = Objects.requireNonNullElse(manufacturer, "");
        approvalNumber = Objects.requireNonNullElse(approvalNumber, "");
        storageClass = Objects.requireNonNullElse(storageClass, "");
    }
}
