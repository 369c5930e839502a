package org.medcab.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One finding behind a zone's condition.
 *
 * @param kind     what was found
 * @param gtin     the drug concerned; empty for {@link Kind#READERS_OFFLINE}
 * @param items    the item codes concerned (expiring, expired or unregistered items); may be empty
 * @param expiry   the earliest expiry among {@code items} for expiry findings, else null
 * @param required the par level for {@link Kind#BELOW_PAR}, else 0
 * @param present  how many units of the drug the zone holds, for {@link Kind#BELOW_PAR}, else 0
 */
public record StatusReason(Kind kind, String gtin, List<String> items, LocalDate expiry, int required, int present) {
    public enum Kind {
        /** Items expire within the warning period. */
        EXPIRING,
        /** Items expire within the critical period or have expired. */
        EXPIRED,
        /** A drug the HIS requires in the zone is missing or below its par level. */
        BELOW_PAR,
        /** Items whose code is not registered: possibly counterfeit, or a missed registration. */
        UNREGISTERED,
        /** The zone's readers are offline. */
        READERS_OFFLINE
    }

    public StatusReason {
        Objects.requireNonNull(kind, "kind");
        gtin = Objects.requireNonNullElse(gtin, "");
        items = List.copyOf(items);
    }
}
