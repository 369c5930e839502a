package org.medcab.catalog.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medcab.catalog.RegisteredItem;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.identifiers.Epc;
import org.medcab.identifiers.Identifier;
import org.medcab.identifiers.Identifiers;
import org.medcab.identifiers.PackLabel;
import org.medcab.identifiers.Sgtin;
import org.medcab.identifiers.TraceCode;
import org.medcab.identifiers.Unrecognised;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code cmd/receive}: pre-scan registration at the receiving station. For each unit the scanner
 * sends its code (a tag's EPC or the pack's 20-digit traceability code) and the pack label as
 * scanned; the label gives GTIN, batch, expiry and serial, and the unit is registered like an item.
 * The reply answers per unit and gives, for every batch received, its pool of known codes.
 */
@Component(service = CommandHandler.class, property = CommandHandler.COMMAND + "=" + ReceiveCommand.NAME)
public final class ReceiveCommand implements CommandHandler {
    static final String NAME = "receive";

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveCommand.class);
    private static final char GS = '\u001D';
    private static final Pattern BRACKETED_AI = Pattern.compile("\\((\\d{2,4})\\)([^()]*)");
    /** AIs of a pack label whose value has a predefined length, so no GS follows them. */
    private static final Set<String> FIXED_LENGTH = Set.of("01", "11", "17");

    private final CatalogAccess access;

    @Activate
    public ReceiveCommand(@Reference CatalogAccess access) {
        this.access = access;
    }

    @Override
    public CommandReply handle(CommandRequest request) throws CommandRejectedException {
        Catalog catalog = access.catalog();
        String station = station(request.payload());
        JsonArray units = Rows.list(request.payload(), "units", true);
        LocalDate today = LocalDate.now(catalog.clock());

        List<Accepted<RegisteredItem>> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] codes = new String[units.size()];
        for (int i = 0; i < units.size(); i++) {
            try {
                RegisteredItem item = unit(units.get(i), "/units/" + i, catalog, today, codes, i);
                Integer earlier = seen.get(item.code());
                if (earlier != null) {
                    throw new Rows.RowProblem("/units/" + i, "code already in this request at unit " + earlier);
                }
                accepted.add(new Accepted<>(i, item));
                seen.put(item.code(), i);
            } catch (Rows.RowProblem p) {
                rejected.add(new Rejection(i, codes[i], p.field, p.getMessage()));
            }
        }
        BatchOutcome outcome = catalog.applyItems(accepted, List.of());
        LOG.info("cmd/receive {} from station {}: {} units registered, {} unchanged, {} rejected{}",
                request.requestId(), station, outcome.applied(), outcome.unchanged(), rejected.size(),
                outcome.failed() ? ", storage failed: " + outcome.storageProblem() : "");

        JsonObject extra = new JsonObject();
        extra.addProperty("station", station);
        extra.add("units", perUnit(units.size(), codes, outcome, rejected));
        extra.add("batches", pools(catalog, accepted));
        return Replies.batch(outcome, rejected, "code", extra);
    }

    private static String station(JsonObject payload) throws CommandRejectedException {
        JsonElement station = payload.get("station");
        if (station == null || !station.isJsonPrimitive() || !station.getAsJsonPrimitive().isString()
                || station.getAsString().isBlank() || station.getAsString().length() > 64) {
            throw new CommandRejectedException("/station", "required: the receiving station's id, 1 to 64 characters");
        }
        return station.getAsString();
    }

    private static RegisteredItem unit(JsonElement element, String at, Catalog catalog, LocalDate today,
                                       String[] codes, int index) throws Rows.RowProblem {
        JsonObject unit = Rows.object(element, at);
        String epc = Rows.text(unit, "epc", at, 64, false);
        String traceCode = Rows.text(unit, "traceCode", at, 20, false);
        if (epc.isEmpty() == traceCode.isEmpty()) {
            throw new Rows.RowProblem(at, "a unit has either an epc or a traceCode");
        }
        String code = epc.isEmpty() ? traceCode : epc;
        codes[index] = code;
        String codeField = at + (epc.isEmpty() ? "/traceCode" : "/epc");
        Epc decoded = null;
        if (epc.isEmpty()) {
            if (!TraceCode.isTraceCode(traceCode)) {
                throw new Rows.RowProblem(codeField, "a drug traceability code is 8 followed by 19 digits");
            }
        } else {
            decoded = Rows.checkCode(epc, codeField);
            if (decoded == null) {
                throw new Rows.RowProblem(codeField, "a traceability code belongs in traceCode, not epc");
            }
        }
        String labelText = Rows.text(unit, "label", at, 200, true);
        Identifier parsed = Identifiers.parseLabel(scanData(labelText), today);
        if (parsed instanceof Unrecognised u) {
            throw new Rows.RowProblem(at + "/label", u.reason());
        }
        PackLabel label = (PackLabel) parsed;
        if (label.batch().isEmpty()) {
            throw new Rows.RowProblem(at + "/label", "the label has no batch (AI 10)");
        }
        if (label.expiry().isEmpty()) {
            throw new Rows.RowProblem(at + "/label", "the label has no expiry date (AI 17)");
        }
        if (decoded instanceof Sgtin sgtin) {
            if (!sgtin.gtin().equals(label.gtin())) {
                throw new Rows.RowProblem(codeField, "the EPC encodes GTIN " + sgtin.gtin() + ", the label says " + label.gtin());
            }
            if (label.serial().isPresent() && !label.serial().get().equals(sgtin.serial())) {
                throw new Rows.RowProblem(codeField, "the EPC encodes serial " + sgtin.serial() + ", the label says "
                        + label.serial().get());
            }
        }
        if (catalog.drug(label.gtin()).isEmpty()) {
            throw new Rows.RowProblem(at + "/label", "drug " + label.gtin() + " not in catalog: send it with cmd/catalog first");
        }
        String batch = Rows.batch(label.batch().get(), at + "/label");
        LocalDate expiry = label.expiry().get();
        LocalDate production = label.productionDate().orElse(null);
        return new RegisteredItem(code, label.gtin(), batch, expiry, production, catalog.clock().instant());
    }

    /**
     * The label as scan data: a printed (bracketed) element string {@code (01)...(17)...(10)...(21)...}
     * becomes AIs with a GS after each variable-length value that is not last; scan data is kept as is.
     */
    static String scanData(String label) {
        if (!label.startsWith("(")) {
            return label;
        }
        Matcher m = BRACKETED_AI.matcher(label);
        StringBuilder out = new StringBuilder();
        int end = 0;
        boolean needsSeparator = false;
        while (m.find() && m.start() == end) {
            if (needsSeparator) {
                out.append(GS);
            }
            out.append(m.group(1)).append(m.group(2));
            needsSeparator = !FIXED_LENGTH.contains(m.group(1));
            end = m.end();
        }
        // Anything not in (AI)value form is left for the parser to name.
        return end == label.length() ? out.toString() : label;
    }

    private static JsonArray perUnit(int count, String[] codes, BatchOutcome outcome, List<Rejection> rejected) {
        Map<Integer, String> state = new HashMap<>();
        outcome.appliedIndexes().forEach(i -> state.put(i, "registered"));
        outcome.unchangedIndexes().forEach(i -> state.put(i, "unchanged"));
        Map<Integer, Rejection> problems = new HashMap<>();
        rejected.forEach(r -> problems.put(r.index(), r));
        JsonArray out = new JsonArray();
        for (int i = 0; i < count; i++) {
            JsonObject unit = new JsonObject();
            unit.addProperty("index", i);
            if (codes[i] != null) {
                unit.addProperty("code", codes[i]);
            }
            Rejection problem = problems.get(i);
            if (problem != null) {
                unit.addProperty("outcome", "rejected");
                unit.addProperty("field", problem.field());
                unit.addProperty("problem", problem.problem());
            } else {
                unit.addProperty("outcome", state.getOrDefault(i, "not-applied"));
            }
            out.add(unit);
        }
        return out;
    }

    /** For every batch received: how many codes of it the catalog now knows (the pool of known codes). */
    private static JsonArray pools(Catalog catalog, List<Accepted<RegisteredItem>> accepted) {
        Map<Catalog.BatchKey, LocalDate> expiries = new LinkedHashMap<>();
        for (Accepted<RegisteredItem> a : accepted) {
            expiries.putIfAbsent(new Catalog.BatchKey(a.value().gtin(), a.value().batch()), a.value().expiry());
        }
        JsonArray out = new JsonArray();
        catalog.poolSizes(new LinkedHashSet<>(expiries.keySet())).forEach((key, n) -> {
            JsonObject batch = new JsonObject();
            batch.addProperty("gtin", key.gtin());
            batch.addProperty("batch", key.batch());
            batch.addProperty("expiry", expiries.get(key).toString());
            batch.addProperty("codes", n);
            out.add(batch);
        });
        return out;
    }
}
