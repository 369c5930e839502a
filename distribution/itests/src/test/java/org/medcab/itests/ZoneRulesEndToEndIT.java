package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.demo.HospitalData;
import org.medcab.demo.HospitalData.Role;
import org.medcab.lab.CoilBoard;
import org.medcab.lab.PtyPair;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Every zone rule of the requirement table on a running simulated cabinet, seen where a pharmacist and the
 * HIS see it: the HIS loads drugs, registered units and par levels over MQTT; the rules must then show, one
 * zone each, yellow for a unit expiring within a month, red for an expired unit, red for one within five days,
 * red for a drug below its par level, red blinking for unregistered units (with their alarm), off for a zone with
 * nothing wrong — on the coils of a Modbus lamp board (a j2mod slave on its own socat line) and in the retained
 * {@code led/{zone}} messages. Then a pick lights its zones green, is carried out by taking the suggested units
 * out of the simulated cabinet, and is answered with the units that left, with batch and expiry.
 */
public class ZoneRulesEndToEndIT {
    private static final String SITE = "ward7";
    private static final String GATEWAY = "cab-rules";
    private static final String[] COLOURS = {"red", "yellow", "green"};
    private static final long WAIT_SECONDS = 180;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ProcessCabinet cabinet;
    private PtyPair lampLine;
    private CoilBoard board;
    private List<String> zones;
    private List<HospitalData.Tag> tags;

    @Before
    public void startCabinet() throws Exception {
        Path dir = temp.getRoot().toPath();
        cabinet = ProcessCabinet.start(dir, SITE, GATEWAY);
        tags = HospitalData.tags(Files.readString(cabinet.scenarioFile));
        zones = new ArrayList<>(new TreeSet<>(tags.stream().map(HospitalData.Tag::zone).toList()));
        lampLine = PtyPair.open(dir, "ttyLamps", "ttyBoard");
        board = new CoilBoard(lampLine.b(), 1, zones.size() * COLOURS.length);
        List<String> coils = new ArrayList<>();
        for (String zone : zones) {
            for (String colour : COLOURS) {
                coils.add("\"" + zone + ":" + colour + "\\=" + coil(zone, colour) + "\"");
            }
        }
        Files.writeString(cabinet.config.resolve("org.medcab.leds.modbus-board1.config"), "port=\"" + lampLine.a() + "\"\n"
                + "baud=I\"9600\"\nparity=\"none\"\nunitId=I\"1\"\ncoils=[" + String.join(",", coils) + "]\n");
        Files.copy(GatewayBundles.layout().resolve("config/examples/org.medcab.leds.mqtt-his.config"),
                cabinet.config.resolve("org.medcab.leds.mqtt-his.config"));
        cabinet.startGateway();
    }

    @After
    public void stopCabinet() throws Exception {
        if (cabinet != null) {
            cabinet.close();
        }
        if (board != null) {
            board.close();
        }
        if (lampLine != null) {
            lampLine.close();
        }
    }

    @Test
    public void everyRuleOnTheLampBoardAndOnMqttAndAPickCarriedOutByTakingItsUnits() throws Exception {
        HospitalSubscriber his = cabinet.hospital;
        his.await(0, m -> m.topic().equals(cabinet.prefix + "birth"), 60, "birth message");
        HospitalData data = HospitalData.of(tags, LocalDate.now());
        assertEquals("ok", command("catalog", data.catalog()).get("status").getAsString());
        assertEquals("ok", command("items", data.items()).get("status").getAsString());
        assertEquals("ok", command("par-levels", data.parLevels()).get("status").getAsString());

        Map<String, Role> roles = data.roles();
        Map<String, String> condition = Map.of("EXPIRING", "expiring", "OK", "ok", "UNREGISTERED", "ok",
                "EXPIRED", "critical", "CRITICAL", "critical", "SHORT", "critical");
        Map<String, String> reason = Map.of("EXPIRING", "expiring", "UNREGISTERED", "unregistered",
                "EXPIRED", "expired", "CRITICAL", "expired", "SHORT", "below-par");
        for (String zone : zones) {
            String role = roles.get(zone).name();
            // Before the HIS registered them every unit was unknown to the cabinet: wait for the state it settles in.
            boolean alarmed = role.equals("UNREGISTERED");
            JsonObject status = his.await(0, m -> m.topic().equals(cabinet.prefix + "events/zone-status")
                    && m.json().get("zone").getAsString().equals(zone)
                    && m.json().get("condition").getAsString().equals(condition.get(role))
                    && m.json().get("alarm").getAsBoolean() == alarmed, WAIT_SECONDS,
                    "zone status " + condition.get(role) + (alarmed ? " with alarm" : "") + " of " + zone + " (" + role + ")").json();
            if (reason.containsKey(role)) {
                Set<String> kinds = new TreeSet<>();
                status.getAsJsonArray("reasons").forEach(r -> kinds.add(r.getAsJsonObject().get("kind").getAsString()));
                assertTrue(zone + " reasons " + kinds, kinds.contains(reason.get(role)));
            }
        }
        String unregisteredZone = zoneWith(roles, Role.UNREGISTERED);
        Set<String> unregistered = tags.stream().filter(t -> t.zone().equals(unregisteredZone) && t.epc().startsWith("00"))
                .map(HospitalData.Tag::epc).collect(Collectors.toCollection(TreeSet::new));
        JsonObject alarm = his.await(0, m -> m.topic().equals(cabinet.prefix + "events/alarm")
                && m.json().get("alarm").getAsString().equals("unregistered-item"), WAIT_SECONDS, "unregistered-item alarm").json();
        assertEquals("raised", alarm.get("state").getAsString());
        assertEquals(unregisteredZone, alarm.get("zone").getAsString());
        assertEquals(unregistered, codes(alarm.getAsJsonArray("items")));

        // The lamps: steady colours on the board's coils and on MQTT, the alarm zone's red seen on and off.
        Map<String, String> colour = Map.of("EXPIRING", "yellow", "OK", "off", "UNREGISTERED", "red",
                "EXPIRED", "red", "CRITICAL", "red", "SHORT", "red");
        for (String zone : zones) {
            String role = roles.get(zone).name();
            String pattern = role.equals("UNREGISTERED") ? "blink-fast" : "steady";
            his.await(0, m -> m.topic().equals(cabinet.prefix + "led/" + zone)
                    && m.json().get("colour").getAsString().equals(colour.get(role))
                    && m.json().get("pattern").getAsString().equals(pattern), WAIT_SECONDS,
                    "led/" + zone + " " + colour.get(role) + " " + pattern);
        }
        awaitTrue("steady lamps on the board", () -> zones.stream().filter(z -> roles.get(z) != Role.UNREGISTERED)
                .allMatch(z -> lamp(z).equals(colour.get(roles.get(z).name()))));
        awaitTrue("alarm red on", () -> lamp(unregisteredZone).equals("red"));
        awaitTrue("alarm red off-phase", () -> lamp(unregisteredZone).equals("off"));

        // A pick of two units of the quiet zone's main drug: its zones turn green, the units are taken out.
        String okZone = zoneWith(roles, Role.OK);
        JsonObject pick = new JsonObject();
        pick.addProperty("orderId", "PO-E2E-1");
        pick.addProperty("gtin", data.mainDrug(okZone));
        pick.addProperty("quantity", 2);
        String requestId = UUID.randomUUID().toString();
        int mark = cabinet.hospital.size();
        JsonObject accepted = command("pick", pick, requestId);
        assertEquals(accepted.toString(), "accepted", accepted.get("status").getAsString());
        Map<String, Set<String>> suggested = new TreeMap<>();
        Map<String, JsonObject> units = new HashMap<>();
        for (JsonElement z : accepted.getAsJsonObject("result").getAsJsonArray("zones")) {
            for (JsonElement i : z.getAsJsonObject().getAsJsonArray("items")) {
                suggested.computeIfAbsent(z.getAsJsonObject().get("zone").getAsString(), k -> new TreeSet<>())
                        .add(i.getAsJsonObject().get("code").getAsString());
                units.put(i.getAsJsonObject().get("code").getAsString(), i.getAsJsonObject());
            }
        }
        assertEquals(2, units.size());
        for (String zone : suggested.keySet()) {
            // An alarm outranks the pick: such a zone stays red blinking.
            boolean alarmed = roles.get(zone) == Role.UNREGISTERED;
            if (!alarmed) {
                awaitTrue("green lamp of pick zone " + zone, () -> board.states().charAt(coil(zone, "green")) == '1');
            }
            his.await(mark, m -> m.topic().equals(cabinet.prefix + "led/" + zone)
                    && m.json().get("colour").getAsString().equals(alarmed ? "red" : "green"),
                    WAIT_SECONDS, "led/" + zone + " during the pick");
        }
        for (String code : units.keySet()) {
            cabinet.simulator.send("remove " + code);
        }
        JsonObject done = cabinet.hospital.await(mark, m -> m.topic().equals(cabinet.prefix + "reply/pick")
                && m.json().get("requestId").getAsString().equals(requestId)
                && m.json().get("status").getAsString().equals("ok"), WAIT_SECONDS, "pick completed").json();
        Set<String> left = new TreeSet<>();
        for (JsonElement e : done.getAsJsonObject("result").getAsJsonArray("items")) {
            JsonObject unit = e.getAsJsonObject();
            String code = unit.get("code").getAsString();
            left.add(code);
            assertEquals(units.get(code).get("batch").getAsString(), unit.get("batch").getAsString());
            assertEquals(units.get(code).get("expiry").getAsString(), unit.get("expiry").getAsString());
            assertTrue(unit.get("suggested").getAsBoolean());
        }
        assertEquals(units.keySet(), left);
        for (String zone : suggested.keySet()) {
            awaitTrue("green lamp of " + zone + " off after the pick", () -> board.states().charAt(coil(zone, "green")) == '0');
        }
    }

    /** Sends {@code cmd/name} with a fresh request id and waits for its final reply. */
    private JsonObject command(String name, JsonObject fields) throws Exception {
        return command(name, fields, UUID.randomUUID().toString());
    }

    private JsonObject command(String name, JsonObject fields, String requestId) throws Exception {
        return cabinet.hospital.command(cabinet.prefix, name, fields, requestId, WAIT_SECONDS);
    }

    private int coil(String zone, String colour) {
        return zones.indexOf(zone) * COLOURS.length + List.of(COLOURS).indexOf(colour);
    }

    /** The colour a zone's lamp shows on the board right now. */
    private String lamp(String zone) {
        String states = board.states();
        for (String colour : COLOURS) {
            if (states.charAt(coil(zone, colour)) == '1') {
                return colour;
            }
        }
        return "off";
    }

    private static String zoneWith(Map<String, Role> roles, Role role) {
        return roles.entrySet().stream().filter(e -> e.getValue() == role).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static Set<String> codes(Iterable<JsonElement> items) {
        Set<String> codes = new TreeSet<>();
        items.forEach(i -> codes.add(i.getAsJsonObject().get("code").getAsString()));
        return codes;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not seen within " + WAIT_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }
}
