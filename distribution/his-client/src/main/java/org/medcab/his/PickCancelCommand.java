package org.medcab.his;

import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

/** {@code pick-cancel --order ID}: ends the picks of an order, command {@code pick-cancel}. */
final class PickCancelCommand extends CommandSubcommand {
    @Override
    public String name() {
        return "pick-cancel";
    }

    @Override
    public String summary() {
        return "cancel the picks of an order: --order ID";
    }

    @Override
    public String usage() {
        return """
                medcab-his pick-cancel --gateway G --order ID [options]

                Sends {"orderId"} on cmd/pick-cancel and prints the reply.
                  --order ID              the dispense order whose picks end
                """ + COMMON_USAGE;
    }

    @Override
    Set<String> valued() {
        return Set.of("order");
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws UsageException {
        JsonObject cancel = new JsonObject();
        cancel.addProperty("orderId", o.required("order"));
        return List.of(cancel);
    }
}
