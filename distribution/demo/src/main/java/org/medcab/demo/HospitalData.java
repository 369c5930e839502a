package org.medcab.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.medcab.identifiers.Epc;
import org.medcab.identifiers.Sgtin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What the hospital information system tells a new cabinet before it can judge its stock: the drugs behind
 * the GTINs on its shelves ({@code cmd/catalog}), every registered unit with batch and expiry
 * ({@code cmd/items}), and the par levels per zone ({@code cmd/par-levels}).
 *
 * <p>Made from a simulator scenario so that every rule shows in the demo: expiries are spread relative to
 * {@code today} (most units far out, a few within a month, a few within five days, a few past), raw EPCs stay
 * unregistered (the unregistered-item alarm), and one zone is required to hold more of its main drug than it
 * does (red for a shortfall). The spread is a function of each EPC, so a rerun gives the same picture.
 */
final class HospitalData {
    /** Names for the demo's GTINs, in the order the GTINs first appear; real cabinets get them from the HIS. */
    private static final String[][] DRUGS = {
            {"Amoxicillin", "500 mg", "capsule"}, {"Paracetamol", "1 g", "tablet"}, {"Metoprolol", "50 mg", "tablet"},
            {"Ceftriaxone", "1 g", "powder for injection"}, {"Enoxaparin", "40 mg/0.4 ml", "prefilled syringe"},
            {"Omeprazole", "20 mg", "capsule"}, {"Furosemide", "40 mg", "tablet"}, {"Insulin glargine", "100 U/ml", "pen"},
            {"Morphine", "10 mg/ml", "ampoule"}, {"Heparin", "5000 IU/ml", "vial"}, {"Ondansetron", "4 mg", "tablet"},
            {"Vancomycin", "500 mg", "powder for infusion"}, {"Salbutamol", "100 µg", "inhaler"},
            {"Dexamethasone", "4 mg/ml", "ampoule"}, {"Atorvastatin", "20 mg", "tablet"}, {"Levothyroxine", "50 µg", "tablet"},
    };

    /** One tag of the scenario: its EPC and the zone it lies in. */
    record Tag(String epc, String zone) {
    }

    private final Map<String, String> drugNames = new LinkedHashMap<>();
    private final JsonArray drugs = new JsonArray();
    private final JsonArray items = new JsonArray();
    private final JsonArray levels = new JsonArray();

    private HospitalData() {
    }

    /** The tags of a scenario file's {@code tags} array. */
    static List<Tag> tags(String scenarioJson) {
        List<Tag> tags = new ArrayList<>();
        for (var element : JsonParser.parseString(scenarioJson).getAsJsonObject().getAsJsonArray("tags")) {
            JsonObject tag = element.getAsJsonObject();
            tags.add(new Tag(tag.get("epc").getAsString().toUpperCase(java.util.Locale.ROOT), tag.get("zone").getAsString()));
        }
        return tags;
    }

    static HospitalData of(List<Tag> tags, LocalDate today) {
        HospitalData data = new HospitalData();
        TreeMap<String, Map<String, Integer>> perZone = new TreeMap<>();
        for (Tag tag : tags) {
            if (!(Epc.decode(tag.epc()) instanceof Sgtin sgtin)) {
                continue; // a raw EPC: nothing says what it is, so it stays unregistered
            }
            String gtin = sgtin.gtin();
            data.drug(gtin);
            LocalDate expiry = expiry(tag.epc(), today);
            JsonObject item = new JsonObject();
            item.addProperty("code", tag.epc());
            item.addProperty("gtin", gtin);
            item.addProperty("batch", "L" + expiry.getYear() % 100 + String.format("%02d", expiry.getMonthValue())
                    + gtin.substring(9, 12));
            item.addProperty("expiry", expiry.toString());
            item.addProperty("productionDate", expiry.minusYears(2).toString());
            data.items.add(item);
            perZone.computeIfAbsent(tag.zone(), z -> new TreeMap<>()).merge(gtin, 1, Integer::sum);
        }
        String shortZone = perZone.isEmpty() ? null : perZone.lastKey();
        for (Map.Entry<String, Map<String, Integer>> zone : perZone.entrySet()) {
            Map.Entry<String, Integer> main = zone.getValue().entrySet().stream()
                    .max(Comparator.comparing(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey))
                    .orElseThrow();
            // One zone is asked for more of its main drug than it holds: red for a shortfall.
            int level = zone.getKey().equals(shortZone) ? main.getValue() + 5 : Math.max(1, main.getValue() - 2);
            data.level(zone.getKey(), main.getKey(), level, Math.max(0, level - 1));
        }
        return data;
    }

    /**
     * Where a unit's expiry falls, from its EPC: 2 % expired, 3 % within five days, 6 % within a month, the rest
     * two months to two and a half years out.
     */
    static LocalDate expiry(String epc, LocalDate today) {
        CRC32 crc = new CRC32();
        crc.update(epc.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long h = crc.getValue();
        int bucket = (int) (h % 100);
        int spread = (int) ((h / 100) % 1000);
        if (bucket < 2) {
            return today.minusDays(1 + spread % 30);
        }
        if (bucket < 5) {
            return today.plusDays(spread % 6);
        }
        if (bucket < 11) {
            return today.plusDays(6 + spread % 25);
        }
        return today.plusDays(60 + spread % 850);
    }

    private void drug(String gtin) {
        if (drugNames.containsKey(gtin)) {
            return;
        }
        String[] d = DRUGS[drugNames.size() % DRUGS.length];
        drugNames.put(gtin, d[0]);
        JsonObject drug = new JsonObject();
        drug.addProperty("gtin", gtin);
        drug.addProperty("name", d[0]);
        drug.addProperty("strength", d[1]);
        drug.addProperty("form", d[2]);
        drug.addProperty("manufacturer", "Demo Pharma");
        drug.addProperty("approvalNumber", "DEMO-" + gtin.substring(7, 13));
        drug.addProperty("storageClass", d[2].contains("pen") || d[0].startsWith("Insulin") ? "cold" : "room");
        drugs.add(drug);
    }

    private void level(String zone, String gtin, int level, int reorderPoint) {
        JsonObject row = new JsonObject();
        row.addProperty("zone", zone);
        row.addProperty("gtin", gtin);
        row.addProperty("level", level);
        row.addProperty("reorderPoint", reorderPoint);
        levels.add(row);
    }

    /** The {@code cmd/catalog} payload's own fields. */
    JsonObject catalog() {
        JsonObject body = new JsonObject();
        body.add("drugs", drugs.deepCopy());
        return body;
    }

    /** The {@code cmd/items} payload's own fields. */
    JsonObject items() {
        JsonObject body = new JsonObject();
        body.add("items", items.deepCopy());
        return body;
    }

    /** The {@code cmd/par-levels} payload's own fields: the whole table. */
    JsonObject parLevels() {
        JsonObject body = new JsonObject();
        body.add("levels", levels.deepCopy());
        body.addProperty("replace", true);
        return body;
    }

    /** The drug's name, for the console. */
    String drugName(String gtin) {
        return drugNames.getOrDefault(gtin, gtin);
    }
}
