package org.medcab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

class HospitalDataTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static List<HospitalData.Tag> demoCabinet() throws IOException {
        try (InputStream in = HospitalDataTest.class.getResourceAsStream("/org/medcab/simulator/demo-cabinet.json")) {
            return HospitalData.tags(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyRuleHasSomethingToShowInTheDemoCabinet() throws IOException {
        List<HospitalData.Tag> tags = demoCabinet();
        HospitalData data = HospitalData.of(tags, TODAY);
        int expired = 0;
        int critical = 0;
        int expiring = 0;
        Set<String> registered = new HashSet<>();
        for (JsonElement e : data.items().getAsJsonArray("items")) {
            JsonObject item = e.getAsJsonObject();
            registered.add(item.get("code").getAsString());
            long daysLeft = ChronoUnit.DAYS.between(TODAY, LocalDate.parse(item.get("expiry").getAsString()));
            if (daysLeft < 0) {
                expired++;
            } else if (daysLeft <= 5) {
                critical++;
            } else if (daysLeft <= 30) {
                expiring++;
            }
        }
        assertTrue(expired > 0 && critical > 0 && expiring > 0, expired + " expired, " + critical + " critical, " + expiring + " expiring");
        assertTrue(expired + critical + expiring < registered.size() / 5, "most units are far from expiry");
        // Raw EPCs (they start 00 in the demo cabinet) stay unregistered: the unregistered-item alarm.
        long raw = tags.stream().filter(t -> t.epc().startsWith("00")).count();
        assertTrue(raw > 0);
        assertEquals(tags.size() - raw, registered.size());
        assertFalse(registered.stream().anyMatch(c -> c.startsWith("00")));
    }

    @Test
    void oneZoneIsShortOfItsMainDrugAndTheOthersAreNot() throws IOException {
        List<HospitalData.Tag> tags = demoCabinet();
        HospitalData data = HospitalData.of(tags, TODAY);
        Map<String, Integer> held = new HashMap<>();
        Map<String, String> gtinOf = new HashMap<>();
        for (JsonElement e : data.items().getAsJsonArray("items")) {
            gtinOf.put(e.getAsJsonObject().get("code").getAsString(), e.getAsJsonObject().get("gtin").getAsString());
        }
        for (HospitalData.Tag t : tags) {
            if (gtinOf.containsKey(t.epc())) {
                held.merge(t.zone() + "/" + gtinOf.get(t.epc()), 1, Integer::sum);
            }
        }
        int short_ = 0;
        for (JsonElement e : data.parLevels().getAsJsonArray("levels")) {
            JsonObject row = e.getAsJsonObject();
            int level = row.get("level").getAsInt();
            int present = held.get(row.get("zone").getAsString() + "/" + row.get("gtin").getAsString());
            if (present < level) {
                short_++;
                assertEquals("B3", row.get("zone").getAsString());
            }
            assertTrue(row.get("reorderPoint").getAsInt() < level);
        }
        assertEquals(1, short_);
        assertEquals(6, data.parLevels().getAsJsonArray("levels").size());
        assertTrue(data.parLevels().get("replace").getAsBoolean());
    }

    @Test
    void theSameCabinetGivesTheSameDataAndEveryDrugHasAName() throws IOException {
        List<HospitalData.Tag> tags = demoCabinet();
        assertEquals(HospitalData.of(tags, TODAY).items(), HospitalData.of(tags, TODAY).items());
        for (JsonElement e : HospitalData.of(tags, TODAY).catalog().getAsJsonArray("drugs")) {
            JsonObject drug = e.getAsJsonObject();
            assertEquals(14, drug.get("gtin").getAsString().length());
            assertFalse(drug.get("name").getAsString().isEmpty());
        }
    }
}
