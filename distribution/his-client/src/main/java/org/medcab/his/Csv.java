package org.medcab.his;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.medcab.identifiers.Gtin;

/**
 * A CSV file with a header row (RFC 4180: comma-separated, fields in double quotes may hold commas
 * and doubled quotes). Every problem is collected with its line and column, so one run shows them
 * all; {@link #check()} throws when there was any.
 */
final class Csv {
    static final Pattern GTIN = Pattern.compile("[0-9]{14}");
    private static final int MAX_SHOWN = 25;

    private final String source;
    private final List<Row> rows = new ArrayList<>();
    /** Problems, each with its line (0 for the file as a whole), reported in line order. */
    private final List<Problem> errors = new ArrayList<>();

    private record Problem(int line, String text) {
    }

    private Csv(String source) {
        this.source = source;
    }

    /** Reads the rows; the header must name every required column, and nothing but known ones. */
    static Csv read(String source, String text, List<String> required, List<String> optional) {
        Csv csv = new Csv(source);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as spreadsheet programs write
        }
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = csv.split(number, lines[i]);
            if (fields == null) {
                continue;
            }
            if (header == null) {
                header = csv.header(number, fields, required, optional);
                if (header == null) {
                    return csv; // nothing to read rows against
                }
                continue;
            }
            if (fields.size() != header.size()) {
                csv.problem(number, source + " line " + number + ": " + fields.size() + " fields, the header has " + header.size());
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), fields.get(c).trim());
            }
            csv.rows.add(csv.new Row(number, values));
        }
        if (header == null) {
            csv.problem(0, source + ": empty, expected a header line with the columns " + String.join(",", required));
        } else if (csv.rows.isEmpty() && csv.errors.isEmpty()) {
            csv.problem(0, source + ": no rows after the header");
        }
        return csv;
    }

    private List<String> header(int number, List<String> fields, List<String> required, List<String> optional) {
        List<String> names = fields.stream().map(String::trim).toList();
        List<String> known = new ArrayList<>(required);
        known.addAll(optional);
        int before = errors.size();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!known.contains(name)) {
                problem(number, source + " line " + number + ": unknown column '" + name + "' (known: "
                        + String.join(",", known) + ")");
            } else if (names.indexOf(name) != i) {
                problem(number, source + " line " + number + ": column '" + name + "' appears twice");
            }
        }
        for (String name : required) {
            if (!names.contains(name)) {
                problem(number, source + " line " + number + ": the required column '" + name + "' is missing");
            }
        }
        return errors.size() == before ? names : null;
    }

    private List<String> split(int number, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            problem(number, source + " line " + number + ": a quoted field is not closed");
            return null;
        }
        fields.add(field.toString());
        return fields;
    }

    private void problem(int line, String text) {
        errors.add(new Problem(line, text));
    }

    List<Row> rows() {
        return rows;
    }

    /** Records a problem of a row that only shows across rows (a duplicate key). */
    void error(Row row, String column, String problem) {
        problem(row.line, source + " line " + row.line + ", column " + column + ": " + problem);
    }

    /** @throws InputException listing every problem found */
    void check() throws InputException {
        if (errors.isEmpty()) {
            return;
        }
        List<String> shown = errors.stream().sorted(Comparator.comparingInt(Problem::line)).limit(MAX_SHOWN)
                .map(Problem::text).toList();
        String more = errors.size() > MAX_SHOWN ? "\n... and " + (errors.size() - MAX_SHOWN) + " more" : "";
        throw new InputException(errors.size() + " error(s) in " + source + ":\n" + String.join("\n", shown) + more);
    }

    /** Splits rows into batches of at most {@code size}. */
    static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }

    /** Remembers keys to report a second row with the same one. */
    final class Keys {
        private final Map<String, Integer> seen = new HashMap<>();

        void once(Row row, String column, String key) {
            Integer first = seen.putIfAbsent(key, row.line);
            if (first != null) {
                error(row, column, "'" + key + "' already on line " + first);
            }
        }
    }

    /** One data row; its getters record a problem and return null for a bad value. */
    final class Row {
        final int line;
        private final Map<String, String> values;

        Row(int line, Map<String, String> values) {
            this.line = line;
            this.values = values;
        }

        /** The value, or null when the column is absent or the cell empty. */
        String optional(String column) {
            String v = values.get(column);
            return v == null || v.isEmpty() ? null : v;
        }

        String required(String column) {
            String v = optional(column);
            if (v == null) {
                error(this, column, "empty, a value is required");
            }
            return v;
        }

        String matching(String column, boolean required, Pattern pattern, String what) {
            String v = required ? required(column) : optional(column);
            if (v != null && !pattern.matcher(v).matches()) {
                error(this, column, "'" + v + "' is not " + what);
                return null;
            }
            return v;
        }

        /** A GTIN-14 with a right check digit. */
        String gtin(String column) {
            String v = matching(column, true, GTIN, "a GTIN-14 (14 digits)");
            if (v != null && !Gtin.isValid(v)) {
                error(this, column, "'" + v + "' has a wrong check digit");
                return null;
            }
            return v;
        }

        String date(String column, boolean required) {
            String v = required ? required(column) : optional(column);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v).toString();
            } catch (DateTimeParseException e) {
                error(this, column, "'" + v + "' is not a date YYYY-MM-DD");
                return null;
            }
        }

        Integer integer(String column, boolean required, int min) {
            String v = required ? required(column) : optional(column);
            if (v == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    error(this, column, v + " is below " + min);
                    return null;
                }
                return n;
            } catch (NumberFormatException e) {
                error(this, column, "'" + v + "' is not a whole number");
                return null;
            }
        }
    }
}
