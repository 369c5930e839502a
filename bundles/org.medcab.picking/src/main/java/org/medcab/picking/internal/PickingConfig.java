package org.medcab.picking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.medcab.picking}: how long picks may run and which items are offered. */
@ObjectClassDefinition(id = PickingComponent.PID, name = "medcab pick guidance",
        description = "Pick orders from the HIS (cmd/pick): which zones light green, first expiry first out, and how"
                + " long a pick may wait for the pharmacist.")
@interface PickingConfig {
    @AttributeDefinition(name = "Default pick timeout (s)", min = "1",
            description = "How long a pick waits for its items to leave when the order gives no timeoutSeconds;"
                    + " then it ends timed-out and its zones go dark")
    int defaultTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Longest pick timeout (s)", min = "1",
            description = "A pick order asking for a longer timeoutSeconds is rejected, so a forgotten order does"
                    + " not keep a zone green for days")
    int maxTimeoutSeconds() default 3600;

    @AttributeDefinition(name = "Critical days", min = "0",
            description = "Items expiring within this many days (or expired) are never offered for a pick: the red"
                    + " rule of the zone lights, so a pharmacist is never sent to a unit that is treated as expired")
    int criticalDays() default 5;
}
