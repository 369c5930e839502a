package org.medcab.catalog.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.medcab.catalog.Drug;
import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.identifiers.Epc;
import org.medcab.identifiers.Gtin;
import org.medcab.identifiers.Sgtin;
import org.medcab.identifiers.TraceCode;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Reads the rows of {@code cmd/catalog} and {@code cmd/items} into values, row by row: a bad row is
 * rejected with its field and problem, the others go on. The link has checked the payload against the
 * command's schema already; this checks again (never trusting that nothing slipped by) and checks what
 * a schema cannot: GTIN check digits, an EPC's own GTIN, dates, the drug being in the catalog,
 * duplicates within the batch.
 */
final class Rows {
    /** The most rows one command may carry: the contract's maxItems. */
    static final int MAX_ROWS = 10_000;

    private static final Pattern EPC_HEX = Pattern.compile("[0-9A-F]{24,64}");
    private static final Pattern BATCH = Pattern.compile("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}");

    private Rows() {
    }

    /** Accepted rows and rejected rows of one list. */
    record Parsed<T>(List<Accepted<T>> accepted, List<Rejection> rejected) {
    }

    /** A field's problem inside a row. */
    static final class RowProblem extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        RowProblem(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }
    }

    /** The array {@code name} of the payload, at most {@link #MAX_ROWS}; absent gives an empty one unless required. */
    static JsonArray list(JsonObject payload, String name, boolean required) throws CommandRejectedException {
        JsonElement element = payload.get(name);
        if (element == null || element.isJsonNull()) {
            if (required) {
                throw new CommandRejectedException("/" + name, "required list is missing");
            }
            return new JsonArray();
        }
        if (!element.isJsonArray()) {
            throw new CommandRejectedException("/" + name, "must be a list");
        }
        JsonArray array = element.getAsJsonArray();
        if (array.size() > MAX_ROWS) {
            throw new CommandRejectedException("/" + name, array.size() + " rows, at most " + MAX_ROWS
                    + " per command; split the batch");
        }
        return array;
    }

    static Parsed<Drug> drugs(JsonArray rows) {
        List<Accepted<Drug>> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String at = "/drugs/" + i;
            String gtin = null;
            try {
                JsonObject row = object(rows.get(i), at);
                gtin = text(row, "gtin", at, 14, true);
                checkGtin(gtin, at + "/gtin");
                Integer earlier = seen.get(gtin);
                if (earlier != null) {
                    throw new RowProblem(at + "/gtin", "GTIN already in this batch at row " + earlier);
                }
                accepted.add(new Accepted<>(i, new Drug(gtin, text(row, "name", at, 200, true),
                        text(row, "strength", at, 100, false), text(row, "form", at, 100, false),
                        text(row, "manufacturer", at, 200, false), text(row, "approvalNumber", at, 100, false),
                        text(row, "storageClass", at, 50, false))));
                seen.put(gtin, i);
            } catch (RowProblem p) {
                rejected.add(new Rejection(i, gtin, p.field, p.getMessage()));
            }
        }
        return new Parsed<>(accepted, rejected);
    }

    /** The rows of {@code items}; the registration time is set when they are stored. */
    static Parsed<RegisteredItem> items(JsonArray rows, Catalog catalog) {
        List<Accepted<RegisteredItem>> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String at = "/items/" + i;
            String code = null;
            try {
                JsonObject row = object(rows.get(i), at);
                code = text(row, "code", at, 64, true);
                Epc epc = checkCode(code, at + "/code");
                String gtin = text(row, "gtin", at, 14, true);
                checkGtin(gtin, at + "/gtin");
                if (epc instanceof Sgtin sgtin && !sgtin.gtin().equals(gtin)) {
                    throw new RowProblem(at + "/gtin", "the EPC encodes GTIN " + sgtin.gtin() + ", not " + gtin);
                }
                if (catalog.drug(gtin).isEmpty()) {
                    throw new RowProblem(at + "/gtin", "drug not in catalog: send it with cmd/catalog first");
                }
                String batch = batch(text(row, "batch", at, 20, true), at + "/batch");
                LocalDate expiry = date(row, "expiry", at, true);
                LocalDate production = date(row, "productionDate", at, false);
                if (production != null && production.isAfter(expiry)) {
                    throw new RowProblem(at + "/productionDate", "production date " + production + " is after expiry " + expiry);
                }
                Integer earlier = seen.get(code);
                if (earlier != null) {
                    throw new RowProblem(at + "/code", "code already in this batch at row " + earlier);
                }
                accepted.add(new Accepted<>(i, new RegisteredItem(code, gtin, batch, expiry, production,
                        catalog.clock().instant())));
                seen.put(code, i);
            } catch (RowProblem p) {
                rejected.add(new Rejection(i, code, p.field, p.getMessage()));
            }
        }
        return new Parsed<>(accepted, rejected);
    }

    /** The codes of {@code remove}. */
    static Parsed<String> removals(JsonArray rows, Parsed<RegisteredItem> registering) {
        List<Accepted<String>> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> registered = new HashMap<>();
        registering.accepted().forEach(a -> registered.put(a.value().code(), a.index()));
        for (int i = 0; i < rows.size(); i++) {
            String at = "/remove/" + i;
            JsonElement element = rows.get(i);
            String code = element.isJsonPrimitive() && element.getAsJsonPrimitive().isString() ? element.getAsString() : null;
            try {
                if (code == null) {
                    throw new RowProblem(at, "must be an item code (string)");
                }
                checkCode(code, at);
                if (registered.containsKey(code)) {
                    throw new RowProblem(at, "code is also registered by /items/" + registered.get(code)
                            + " of this command; send one or the other");
                }
                accepted.add(new Accepted<>(i, code));
            } catch (RowProblem p) {
                rejected.add(new Rejection(i, code, p.field, p.getMessage()));
            }
        }
        return new Parsed<>(accepted, rejected);
    }

    /**
     * An item code: a 20-digit traceability code (null returned) or an EPC in upper-case hex in whole
     * 16-bit words, decoded.
     */
    static Epc checkCode(String code, String at) throws RowProblem {
        if (TraceCode.isTraceCode(code)) {
            return null;
        }
        if (!EPC_HEX.matcher(code).matches() || code.length() % 4 != 0) {
            throw new RowProblem(at, "neither an EPC (upper-case hexadecimal, 24 to 64 digits in whole 16-bit words)"
                    + " nor a drug traceability code (8 and 19 digits)");
        }
        return Epc.decode(code);
    }

    static void checkGtin(String gtin, String at) throws RowProblem {
        if (!Gtin.isValid(gtin)) {
            throw new RowProblem(at, gtin.length() == 14 && gtin.chars().allMatch(Character::isDigit)
                    ? "GTIN check digit is wrong (expected " + Gtin.checkDigit(gtin.substring(0, 13)) + ")"
                    : "a GTIN-14 is 14 digits");
        }
    }

    static String batch(String batch, String at) throws RowProblem {
        if (!BATCH.matcher(batch).matches()) {
            throw new RowProblem(at, "a batch is 1 to 20 characters of GS1's character set (AI 10)");
        }
        return batch;
    }

    static JsonObject object(JsonElement element, String at) throws RowProblem {
        if (element == null || !element.isJsonObject()) {
            throw new RowProblem(at, "must be an object");
        }
        return element.getAsJsonObject();
    }

    /** A string field; absent and not required gives "". */
    static String text(JsonObject row, String name, String at, int maxLength, boolean required) throws RowProblem {
        JsonElement element = row.get(name);
        if (element == null || element.isJsonNull()) {
            if (required) {
                throw new RowProblem(at + "/" + name, "required");
            }
            return "";
        }
        if (!(element instanceof JsonPrimitive p) || !p.isString()) {
            throw new RowProblem(at + "/" + name, "must be a string");
        }
        String value = p.getAsString();
        if (required && value.isBlank()) {
            throw new RowProblem(at + "/" + name, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new RowProblem(at + "/" + name, "longer than " + maxLength + " characters");
        }
        return value;
    }

    static LocalDate date(JsonObject row, String name, String at, boolean required) throws RowProblem {
        String text = text(row, name, at, 10, required);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new RowProblem(at + "/" + name, "not a date YYYY-MM-DD: " + text);
        }
    }
}
