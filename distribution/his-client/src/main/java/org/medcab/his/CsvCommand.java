package org.medcab.his;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A command whose rows come from a CSV file ({@code --csv F}): each row becomes one object of the
 * payload's array, sent in batches of {@code --batch} rows (one command each). A file with any error
 * sends nothing.
 */
abstract class CsvCommand extends CommandSubcommand {
    static final String CSV_USAGE = """
              --csv F                 the rows, with a header line naming the columns (any order)
              --batch N               rows per command [1000]
            """;

    /** The payload's array field, e.g. {@code drugs}. */
    abstract String arrayField();

    abstract List<String> requiredColumns();

    abstract List<String> optionalColumns();

    /** One row as a JSON object (null when the row had errors, which {@code row} recorded). */
    abstract JsonObject row(Csv csv, Csv.Row row, Csv.Keys keys);

    /** Further fields of every payload. */
    void complete(JsonObject payload, Options o) {
    }

    @Override
    Set<String> valued() {
        return Set.of("csv", "batch");
    }

    @Override
    List<JsonObject> payloads(Options o, Console console) throws UsageException, InputException, IOException {
        String file = o.required("csv");
        int batch = (int) o.number("batch", 1000, 1, 100_000);
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        }
        return payloads(file, text, batch, o);
    }

    /** The payloads of a CSV text; separate for the tests. */
    List<JsonObject> payloads(String source, String text, int batch, Options o) throws InputException {
        Csv csv = Csv.read(source, text, requiredColumns(), optionalColumns());
        Csv.Keys keys = csv.new Keys();
        List<JsonObject> objects = new ArrayList<>();
        for (Csv.Row r : csv.rows()) {
            JsonObject object = row(csv, r, keys);
            if (object != null) {
                objects.add(object);
            }
        }
        csv.check();
        List<JsonObject> payloads = new ArrayList<>();
        for (List<JsonObject> part : Csv.batches(objects, batch)) {
            JsonArray array = new JsonArray();
            part.forEach(array::add);
            JsonObject payload = new JsonObject();
            payload.add(arrayField(), array);
            complete(payload, o);
            payloads.add(payload);
        }
        return payloads;
    }

    /** Adds a string field when the value is there. */
    static void put(JsonObject o, String field, String value) {
        if (value != null) {
            o.addProperty(field, value);
        }
    }

    /** Null when any of the values is null: the row had an error. */
    static JsonObject unlessMissing(JsonObject o, Object... required) {
        for (Object r : required) {
            if (r == null) {
                return null;
            }
        }
        return o;
    }
}
