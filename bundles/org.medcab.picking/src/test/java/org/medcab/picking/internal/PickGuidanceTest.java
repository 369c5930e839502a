package org.medcab.picking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.medcab.picking.internal.Bench.IBUPROFEN;
import static org.medcab.picking.internal.Bench.PARACETAMOL;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.inventory.CycleReport;
import org.medcab.picking.PickListener;
import org.medcab.picking.ZonePicks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@link PickGuidance} with its own worker thread, driven the way the link and the inventory drive
 * it: command requests, cycle reports on another thread, follow-ups on the live request or, after a
 * restart, through {@link CommandReplies}; alarms through the uplink.
 */
class PickGuidanceTest {
    private static final long WAIT_SECONDS = 10;
    private static final String E1 = "3074257BF7194E4000001A01";
    private static final String E2 = "3074257BF7194E4000001A02";

    @TempDir
    Path dir;

    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    private PickGuidance guidance;
    private Bench bench;

    /** A request as the link hands it over; its follow-ups land in {@link #seen}. */
    private record Request(String command, String requestId, String correlationId, JsonObject payload, Instant received,
                           BlockingQueue<Object> seen) implements CommandRequest {
        @Override
        public void followUp(CommandReply reply) {
            seen.add(new Followed(requestId, reply));
        }
    }

    private record Followed(String requestId, CommandReply reply) {
    }

    private record Replied(String command, String requestId, String correlationId, CommandReply reply) {
    }

    private final HospitalUplink uplink = seen::add;
    private final CommandReplies replies = (command, requestId, correlationId, reply) ->
            seen.add(new Replied(command, requestId, correlationId, reply));
    private final PickListener lights = seen::add;

    @AfterEach
    void stop() throws InterruptedException {
        if (guidance != null) {
            guidance.close();
        }
    }

    private PickGuidance start() throws Exception {
        guidance = new PickGuidance(bench, bench.clock, dir.resolve("store/picks.json"), PickSettings.DEFAULTS);
        return guidance;
    }

    private Request pick(String requestId, String orderId, String gtin, int quantity) {
        JsonObject payload = JsonParser.parseString("""
                {"schema":"medcab/cmd/pick/1","requestId":"%s","orderId":"%s","gtin":"%s","quantity":%d}
                """.formatted(requestId, orderId, gtin, quantity)).getAsJsonObject();
        return new Request("pick", requestId, "corr-" + requestId, payload, bench.clock.instant(), seen);
    }

    private Request cancel(String requestId, String orderId) {
        JsonObject payload = JsonParser.parseString("""
                {"schema":"medcab/cmd/pick-cancel/1","requestId":"%s","orderId":"%s"}
                """.formatted(requestId, orderId)).getAsJsonObject();
        return new Request("pick-cancel", requestId, requestId, payload, bench.clock.instant(), seen);
    }

    private Object next() throws InterruptedException {
        Object next = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(next, "nothing arrived within " + WAIT_SECONDS + " s");
        return next;
    }

    private void cabinet() {
        bench = new Bench(dir, "A1", "B1");
        bench.put("A1", E1, PARACETAMOL, "L1", "2027-01-31");
        bench.put("A1", E2, IBUPROFEN, "X1", "2027-02-28");
    }

    @Test
    void aPickAcceptedThroughItsHandlerCompletesOnItsOwnRequest() throws Exception {
        cabinet();
        start().addListener(lights);
        guidance.uplink(uplink);
        guidance.replies(replies);
        guidance.cycleCompleted(bench.report());

        CommandReply accepted = guidance.pick(pick("req-1", "O1", PARACETAMOL, 1));
        assertEquals(ReplyStatus.ACCEPTED, accepted.status());
        assertEquals(new ZonePicks("A1", Set.of("O1"), false), next());

        bench.take("A1", E1);
        guidance.cycleCompleted(bench.report());

        Followed done = (Followed) next();
        assertEquals("req-1", done.requestId());
        assertEquals(ReplyStatus.OK, done.reply().status());
        assertEquals(E1, done.reply().result().getAsJsonArray("items").get(0).getAsJsonObject().get("code").getAsString());
        assertEquals(new ZonePicks("A1", Set.of(), false), next());
        assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "nothing went through CommandReplies or the uplink");
    }

    @Test
    void aWrongItemAlarmGoesUpUrgentOnEventsAlarm() throws Exception {
        cabinet();
        start().uplink(uplink);
        guidance.cycleCompleted(bench.report());
        guidance.pick(pick("req-1", "O1", PARACETAMOL, 1));

        bench.take("A1", E2);
        CycleReport report = bench.report();
        guidance.cycleCompleted(report);

        UplinkMessage alarm = (UplinkMessage) next();
        assertEquals("medcab/alarm/1", alarm.schema());
        assertEquals("events/alarm", alarm.subtopic());
        assertEquals(Delivery.URGENT, alarm.delivery());
        assertEquals(false, alarm.retained());
        assertEquals(report.started().plus(report.duration()), alarm.time());
        assertEquals("wrong-item-taken", alarm.body().get("alarm").getAsString());
        assertEquals(E2, alarm.body().getAsJsonArray("items").get(0).getAsJsonObject().get("code").getAsString());
    }

    @Test
    void afterARestartTheOutcomeGoesThroughCommandRepliesOnceTheLinkIsThere() throws Exception {
        cabinet();
        start().cycleCompleted(bench.report());
        guidance.pick(pick("req-1", "O1", PARACETAMOL, 1));
        guidance.close();

        start().addListener(lights);
        assertEquals(new ZonePicks("A1", Set.of("O1"), false), next(), "a new listener is told the resumed pick at once");
        bench.take("A1", E1);
        guidance.cycleCompleted(bench.report());
        assertEquals(new ZonePicks("A1", Set.of(), false), next());
        assertNull(seen.poll(1500, TimeUnit.MILLISECONDS), "no reply service yet: the outcome waits");

        guidance.replies(replies);

        Replied done = (Replied) next();
        assertEquals(new Replied("pick", "req-1", "corr-req-1", done.reply()), done);
        assertEquals(ReplyStatus.OK, done.reply().status());
    }

    @Test
    void refusalsAndCancelsComeBackThroughTheHandlers() throws Exception {
        cabinet();
        start().cycleCompleted(bench.report());

        CommandRejectedException tooMany = assertThrows(CommandRejectedException.class,
                () -> guidance.pick(pick("req-1", "O1", PARACETAMOL, 2)));
        assertEquals("/quantity", tooMany.field());
        guidance.pick(pick("req-2", "O2", PARACETAMOL, 1));

        CommandReply cancelled = guidance.cancel(cancel("req-3", "O2"));

        assertEquals(ReplyStatus.OK, cancelled.status());
        Followed followed = (Followed) next();
        assertEquals("req-2", followed.requestId());
        assertEquals(ReplyStatus.CANCELLED, followed.reply().status());
        assertEquals("/orderId", assertThrows(CommandRejectedException.class,
                () -> guidance.cancel(cancel("req-4", "O2"))).field());
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersInTheDark() throws Exception {
        cabinet();
        start().addListener(picks -> {
            throw new IllegalStateException("LED driver unplugged");
        });
        guidance.addListener(lights);
        guidance.cycleCompleted(bench.report());

        guidance.pick(pick("req-1", "O1", PARACETAMOL, 1));

        assertEquals(new ZonePicks("A1", Set.of("O1"), false), next());
        guidance.removeListener(lights);
        guidance.cancel(cancel("req-2", "O1"));
        assertEquals(ReplyStatus.CANCELLED, ((Followed) next()).reply().status());
        assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "a removed listener is told nothing");
        assertEquals(List.of(), List.copyOf(seen));
    }
}
