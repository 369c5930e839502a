package org.medcab.his;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

/** {@code pick}: ask the cabinet to guide a pick (green zone LEDs), command {@code pick}. */
final class PickCommand extends CommandSubcommand {
    @Override
    public String name() {
        return "pick";
    }

    @Override
    public String summary() {
        return "ask for a drug to be picked: --order ID --gtin G --quantity N [--timeout-seconds S]";
    }

    @Override
    public String usage() {
        return """
                medcab-his pick --gateway G --order ID --gtin G --quantity N [--timeout-seconds S] [options]

                Sends {"orderId","gtin","quantity","timeoutSeconds"} on cmd/pick and waits for the outcome (accepted
                first, then ok, cancelled or timed-out); by default for timeoutSeconds + 30 s.
                  --order ID              the dispense order the pick belongs to
                  --gtin G                the drug (GTIN-14)
                  --quantity N            how many units
                  --timeout-seconds S     the gateway ends the pick after S seconds (its default when absent)
                """ + COMMON_USAGE;
    }

    @Override
    Set<String> valued() {
        return Set.of("order", "gtin", "quantity", "timeout-seconds");
    }

    @Override
    Duration defaultTimeout(Options o) throws UsageException {
        return Duration.ofSeconds(o.number("timeout-seconds", 300, 1, 86_400) + 30);
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws UsageException {
        JsonObject pick = new JsonObject();
        pick.addProperty("orderId", o.required("order"));
        String gtin = o.required("gtin");
        if (!Csv.GTIN.matcher(gtin).matches() || !org.medcab.identifiers.Gtin.isValid(gtin)) {
            throw new UsageException("--gtin '" + gtin + "' is not a GTIN-14 with a right check digit");
        }
        pick.addProperty("gtin", gtin);
        pick.addProperty("quantity", o.number("quantity", -1, 1, 10_000));
        if (pick.get("quantity").getAsLong() < 0) {
            throw new UsageException("--quantity is required");
        }
        if (o.value("timeout-seconds").isPresent()) {
            pick.addProperty("timeoutSeconds", o.number("timeout-seconds", 0, 1, 86_400));
        }
        return List.of(pick);
    }
}
