package org.medcab.his;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** {@code send <command>}: any command, its payload from a JSON file or standard input. */
final class Send extends CommandSubcommand {
    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send any command (payload from a JSON file or stdin) and print its replies";
    }

    @Override
    public String usage() {
        return """
                medcab-his send <command> --gateway G [--file F|-] [options]

                Publishes {prefix}/{site}/{gateway}/cmd/<command>: the JSON object from F ('-' = stdin; none = {}) with
                the envelope completed: schema medcab/cmd/<command>/1, a fresh requestId unless the file or
                --request-id has one, correlationId (the requestId unless given). Then prints each reply on
                reply/... with that correlationId until a final one (ok, partial, rejected, failed, cancelled,
                timed-out) or --timeout.

                  --file F                the payload: a JSON object with the command's fields
                """ + COMMON_USAGE;
    }

    @Override
    Set<String> valued() {
        return Set.of("file");
    }

    @Override
    String command(Options o) throws UsageException {
        if (o.positional().size() != 1) {
            throw new UsageException("send needs exactly one command name, e.g. medcab-his send pick --gateway cab1 --file pick.json");
        }
        return o.positional().get(0);
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws InputException, IOException {
        String file = o.value("file").orElse(null);
        return List.of(file == null ? new JsonObject() : readObject(file, console));
    }

    /** The JSON object in a file, or on standard input for {@code -}. */
    static JsonObject readObject(String file, Console console) throws InputException, IOException {
        try {
            String text = file.equals("-") ? new String(console.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return readObject(file.equals("-") ? "stdin" : file, text);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        }
    }

    private static JsonObject readObject(String source, String text) throws InputException {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new InputException(source + ": the payload must be a JSON object {...}");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InputException(source + ": not JSON: " + e.getMessage());
        }
    }
}
