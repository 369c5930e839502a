package org.medcab.his;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

/** {@code dispense-order --file F}: a dispense order (JSON) for the dispensing window, command {@code dispense-order}. */
final class DispenseOrderCommand extends CommandSubcommand {
    @Override
    public String name() {
        return "dispense-order";
    }

    @Override
    public String summary() {
        return "send a dispense order from a JSON file: --file F";
    }

    @Override
    public String usage() {
        return """
                medcab-his dispense-order --gateway G --file order.json [options]

                Sends the JSON object in F (the order's fields, as cmd-dispense-order.json describes them) on
                cmd/dispense-order with the envelope completed, and prints the replies.
                  --file F                the order ('-' = stdin)
                """ + COMMON_USAGE;
    }

    @Override
    Set<String> valued() {
        return Set.of("file");
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws UsageException, InputException, IOException {
        return List.of(Send.readObject(o.required("file"), console));
    }
}
