package org.medcab.his;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    String command(Options o) throws UsageException {
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + o.positional().get(0));
        }
        return "dispense-order";
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws UsageException, InputException, IOException {
        String file = o.required("file");
        try {
            String text = file.equals("-") ? new String(console.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return List.of(Send.readObject(file.equals("-") ? "stdin" : file, text));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        }
    }
}
