package org.medcab.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the zone rules (singleton PID {@code org.medcab.rules}). */
@ObjectClassDefinition(id = RulesComponent.PID, name = "medcab zone rules",
        description = "Expiry and stock rules per zone, worked out after every inventory cycle, when the catalog or the "
                + "par levels change, and at local midnight. Days left = expiry date - today's local date; the expiry date "
                + "itself is the last day an item may be used.")
public @interface RulesConfig {

    @AttributeDefinition(name = "Warning days", min = "0",
            description = "An item with at most this many days left is expiring: the zone turns yellow. 30 is one month, "
                    + "as the cabinet's light table says.")
    int warningDays() default RuleSettings.DEFAULT_WARNING_DAYS;

    @AttributeDefinition(name = "Critical days", min = "0",
            description = "An item with at most this many days left, or expired, is treated as expired: the zone turns "
                    + "red. 0 makes only the expiry day itself and later critical. Above warning days, nothing is "
                    + "ever merely expiring.")
    int criticalDays() default RuleSettings.DEFAULT_CRITICAL_DAYS;

    @AttributeDefinition(name = "Time zone", required = false,
            description = "IANA time zone id (for example Europe/Berlin or Asia/Shanghai) whose calendar day counts as "
                    + "today and whose midnight re-runs the rules. Empty: the gateway's system time zone. An invalid id "
                    + "is logged as an error and the system time zone is used.")
    String timeZone() default "";

    @AttributeDefinition(name = "Storage folder", required = false,
            description = "Folder for the par level table (par-levels.json) and the outstanding replenishment requests "
                    + "(replenishment-requested.json), each rewritten atomically. Empty: the bundle's data area.")
    String storageFolder() default "";
}
