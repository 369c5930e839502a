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
 * <p>Made from a simulator scenario so that every zone rule shows, one zone each, in zone order
 * ({@link Role}): an item expiring within a month, nothing wrong, unregistered items, an expired item, an item
 * within five days of expiry, a drug below its par level. Every other unit expires two months to two and a half
 * years out, a function of its EPC, so a rerun gives the same picture. Raw EPCs (no GTIN inside) are registered
 * as units of their zone's main drug, as a HIS that encoded them would, except in the unregistered zone.
 */
public final class HospitalData {
    /** What one zone is made to show; zones take the roles in order, repeating after the last. */
    public enum Role {
        /** One unit expires in 20 days: yellow. */
        EXPIRING,
        /** Nothing wrong: off. */
        OK,
        /** Its raw EPCs stay unregistered: the unregistered-item alarm, red blinking. */
        UNREGISTERED,
        /** One unit expired 3 days ago: red. */
        EXPIRED,
        /** One unit expires in 2 days: red. */
        CRITICAL,
        /** The HIS requires 5 more of its main drug than it holds: red. */
        SHORT
    }

    /** Names for the demo's GTINs, in the order the GTINs first appear; real cabinets get them from the HIS. */
    private static final String[][] DRUGS = {
            {"Amoxicillin", "500 mg", "capsule"}, {"Paracetamol", "1 g", "tablet"}, {"Metoprolol", "50 mg", "tablet"},
            {"Ceftriaxone", "1 g", "powder for injection"}, {"Enoxaparin", "40 mg/0.4 ml", "prefilled syringe"},
            {"Omeprazole", "20 mg", "capsule"}, {"Furosemide", "40 mg", "tablet"}, {"Insulin glargine", "100 U/ml", "pen"},
            {"Morphine", "10 mg/ml", "ampoule"}, {"Heparin", "5000 IU/ml", "vial"}, {"Ondansetron", "4 mg", "tablet"},
            {"Vancomycin", "500 mg", "powder for infusion"}, {"Salbutamol", "100 µg", "inhaler"},
            {"Dexamethasone", "4 mg/ml", "ampoule"}, {"Atorvastatin", "20 mg", "tablet"}, {"Levothyroxine", "50 µg", "tablet"},
    };
    private static final int SHORTFALL = 5;

    /** One tag of the scenario: its EPC and the zone it lies in. */
    public record Tag(String epc, String zone) {
    }

    private final Map<String, String> drugNames = new LinkedHashMap<>();
    private final Map<String, Role> roles = new TreeMap<>();
    private final Map<String, String> mainDrugs = new TreeMap<>();
    private final JsonArray drugs = new JsonArray();
    private final JsonArray items = new JsonArray();
    private final JsonArray levels = new JsonArray();

    private HospitalData() {
    }

    /** The tags of a scenario file's {@code tags} array. */
    public static List<Tag> tags(String scenarioJson) {
        List<Tag> tags = new ArrayList<>();
        for (var element : JsonParser.parseString(scenarioJson).getAsJsonObject().getAsJsonArray("tags")) {
            JsonObject tag = element.getAsJsonObject();
            tags.add(new Tag(tag.get("epc").getAsString().toUpperCase(java.util.Locale.ROOT), tag.get("zone").getAsString()));
        }
        return tags;
    }

    public static HospitalData of(List<Tag> tags, LocalDate today) {
        HospitalData data = new HospitalData();
        TreeMap<String, List<Tag>> perZone = new TreeMap<>();
        for (Tag tag : tags) {
            perZone.computeIfAbsent(tag.zone(), z -> new ArrayList<>()).add(tag);
        }
        int index = 0;
        for (Map.Entry<String, List<Tag>> zone : perZone.entrySet()) {
            Role role = Role.values()[index++ % Role.values().length];
            data.roles.put(zone.getKey(), role);
            data.zone(zone.getKey(), role, zone.getValue(), today);
        }
        return data;
    }

    private void zone(String zone, Role role, List<Tag> tags, LocalDate today) {
        List<Tag> sorted = new ArrayList<>(tags);
        sorted.sort(Comparator.comparing(Tag::epc));
        Map<String, Integer> perDrug = new TreeMap<>();
        for (Tag tag : sorted) {
            if (Epc.decode(tag.epc()) instanceof Sgtin sgtin) {
                perDrug.merge(sgtin.gtin(), 1, Integer::sum);
            }
        }
        if (perDrug.isEmpty()) {
            return; // nothing here says what any unit is
        }
        String mainDrug = perDrug.entrySet().stream()
                .max(Comparator.comparing(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
        mainDrugs.put(zone, mainDrug);
        boolean special = false;
        for (Tag tag : sorted) {
            String gtin;
            if (Epc.decode(tag.epc()) instanceof Sgtin sgtin) {
                gtin = sgtin.gtin();
            } else if (role == Role.UNREGISTERED) {
                continue;
            } else {
                gtin = mainDrug;
            }
            drug(gtin);
            LocalDate expiry = farExpiry(tag.epc(), today);
            if (!special && gtin.equals(mainDrug)) {
                special = true;
                expiry = switch (role) {
                    case EXPIRING -> today.plusDays(20);
                    case EXPIRED -> today.minusDays(3);
                    case CRITICAL -> today.plusDays(2);
                    default -> expiry;
                };
            }
            item(tag.epc(), gtin, expiry);
        }
        int held = perDrug.get(mainDrug) + (role == Role.UNREGISTERED ? 0
                : (int) sorted.stream().filter(t -> !(Epc.decode(t.epc()) instanceof Sgtin)).count());
        int level = role == Role.SHORT ? held + SHORTFALL : Math.max(1, held - 2);
        level(zone, mainDrug, level, level - 1);
    }

    /** Two months to two and a half years out, from the EPC. */
    static LocalDate farExpiry(String epc, LocalDate today) {
        CRC32 crc = new CRC32();
        crc.update(epc.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return today.plusDays(60 + crc.getValue() % 850);
    }

    private void item(String code, String gtin, LocalDate expiry) {
        JsonObject item = new JsonObject();
        item.addProperty("code", code);
        item.addProperty("gtin", gtin);
        item.addProperty("batch", "L" + expiry.getYear() % 100 + String.format("%02d", expiry.getMonthValue())
                + gtin.substring(9, 12));
        item.addProperty("expiry", expiry.toString());
        item.addProperty("productionDate", expiry.minusYears(2).toString());
        items.add(item);
    }

    /** The drug a zone holds most of (the one its par level is for); empty for an unknown zone. */
    public String mainDrug(String zone) {
        return mainDrugs.getOrDefault(zone, "");
    }

    /** The role each zone was given. */
    public Map<String, Role> roles() {
        return Map.copyOf(roles);
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
        drug.addProperty("storageClass", d[0].startsWith("Insulin") ? "cold" : "room");
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
    public JsonObject catalog() {
        JsonObject body = new JsonObject();
        body.add("drugs", drugs.deepCopy());
        return body;
    }

    /** The {@code cmd/items} payload's own fields. */
    public JsonObject items() {
        JsonObject body = new JsonObject();
        body.add("items", items.deepCopy());
        return body;
    }

    /** The {@code cmd/par-levels} payload's own fields: the whole table. */
    public JsonObject parLevels() {
        JsonObject body = new JsonObject();
        body.add("levels", levels.deepCopy());
        body.addProperty("replace", true);
        return body;
    }

    /** The drug's name, for the console. */
    public String drugName(String gtin) {
        return drugNames.getOrDefault(gtin, gtin);
    }
}
