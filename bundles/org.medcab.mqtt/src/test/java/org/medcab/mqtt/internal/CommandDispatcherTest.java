package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;

import com.google.gson.JsonObject;

/** Every branch of the command path, with the dispatcher's real request log on disk. */
class CommandDispatcherTest {
    @TempDir
    Path dir;

    private CommandBench bench;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<CommandRequest> lastRequest = new AtomicReference<>();

    private CommandHandler counting(CommandReply reply) {
        return request -> {
            calls.incrementAndGet();
            lastRequest.set(request);
            return reply;
        };
    }

    @AfterEach
    void close() {
        if (bench != null) {
            bench.close();
        }
    }

    private static JsonObject result(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    @Test
    void validCommandReachesItsHandlerAndTheReplyCarriesEnvelopeCorrelationStatusAndTiming() throws Exception {
        bench = new CommandBench(dir, false);
        bench.register("sample", counting(CommandReply.ok(result("done", "yes"))));
        JsonObject cmd = CommandBench.sample("req-1");
        cmd.addProperty("correlationId", "corr-77");
        Instant before = Instant.now();
        bench.send("sample", cmd.toString());

        UplinkMessage reply = bench.reply();
        assertEquals("medcab/reply/sample/1", reply.schema());
        assertEquals("reply/sample", reply.subtopic());
        assertEquals(Delivery.URGENT, reply.delivery());
        assertFalse(reply.retained());
        JsonObject body = reply.body();
        assertEquals("sample", body.get("command").getAsString());
        assertEquals("req-1", body.get("requestId").getAsString());
        assertEquals("corr-77", body.get("correlationId").getAsString());
        assertEquals("ok", body.get("status").getAsString());
        assertFalse(Instant.parse(body.get("received").getAsString()).isBefore(before.minusSeconds(1)));
        assertTrue(body.get("durationMs").getAsLong() >= 0);
        assertEquals("yes", body.getAsJsonObject("result").get("done").getAsString());
        assertFalse(body.has("error"));

        CommandRequest request = lastRequest.get();
        assertEquals("sample", request.command());
        assertEquals("req-1", request.requestId());
        assertEquals("corr-77", request.correlationId());
        assertEquals(2, request.payload().get("quantity").getAsInt());
        assertEquals(1, calls.get());
    }

    @Test
    void correlationIdDefaultsToTheRequestId() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        bench.send("sample", CommandBench.sample("only-request-id").toString());
        assertEquals("only-request-id", bench.reply().body().get("correlationId").getAsString());
    }

    @Test
    void redeliveryIsAnsweredWithTheStoredReplyAndNotAppliedTwice() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(result("n", "1"))));
        String payload = CommandBench.sample("req-redelivered").toString();
        bench.send("sample", payload);
        bench.send("sample", payload);
        List<UplinkMessage> replies = bench.drain();
        assertEquals(2, replies.size());
        assertEquals(1, calls.get());
        assertEquals(replies.get(0).body(), replies.get(1).body());
        assertEquals(replies.get(0).schema(), replies.get(1).schema());
    }

    @Test
    void sameRequestWithKeysInAnotherOrderIsTheSameRequest() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        bench.send("sample", "{\"schema\":\"medcab/cmd/sample/1\",\"requestId\":\"r\",\"orderId\":\"o\",\"gtin\":\"04012345678901\",\"quantity\":3}");
        bench.send("sample", "{\"quantity\":3,\"gtin\":\"04012345678901\",\"orderId\":\"o\",\"requestId\":\"r\",\"schema\":\"medcab/cmd/sample/1\"}");
        assertEquals(1, calls.get());
        List<UplinkMessage> replies = bench.drain();
        assertEquals(replies.get(0).body(), replies.get(1).body());
    }

    @Test
    void requestIdReusedForAnotherRequestIsRejectedAndTheFirstReplyStaysStored() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        JsonObject first = CommandBench.sample("req-reused");
        JsonObject other = CommandBench.sample("req-reused");
        other.addProperty("quantity", 5);
        bench.send("sample", first.toString());
        bench.send("sample", other.toString());
        bench.send("sample", first.toString());
        List<UplinkMessage> replies = bench.drain();
        assertEquals(3, replies.size());
        assertEquals(1, calls.get());
        JsonObject rejected = replies.get(1).body();
        assertEquals("rejected", rejected.get("status").getAsString());
        assertEquals("/requestId", rejected.getAsJsonObject("error").get("field").getAsString());
        assertEquals("requestId already used for another request", rejected.getAsJsonObject("error").get("problem").getAsString());
        assertEquals(replies.get(0).body(), replies.get(2).body());
    }

    @Test
    void requestIdOfARequestRejectedBeforeItsHandlerMayBeUsedForTheCorrectedRequest() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        JsonObject bad = CommandBench.sample("req-fixed");
        bad.addProperty("quantity", 500);
        bench.send("sample", bad.toString());
        bench.send("sample", bad.toString());
        bench.send("sample", CommandBench.sample("req-fixed").toString());
        List<UplinkMessage> replies = bench.drain();
        assertEquals(List.of("rejected", "rejected", "ok"), replies.stream().map(r -> r.body().get("status").getAsString()).toList());
        assertEquals(replies.get(0).body(), replies.get(1).body(), "a redelivered invalid request gets the identical rejection");
        assertEquals(1, calls.get());
    }

    @Test
    void schemaViolationIsRejectedNamingFieldAndProblem() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        JsonObject cmd = CommandBench.sample("req-range");
        cmd.addProperty("quantity", 101);
        bench.send("sample", cmd.toString());
        JsonObject body = bench.reply().body();
        assertEquals("rejected", body.get("status").getAsString());
        assertEquals("/quantity", body.getAsJsonObject("error").get("field").getAsString());
        assertTrue(body.getAsJsonObject("error").get("problem").getAsString().contains("100"), body.toString());
        assertEquals(0, calls.get());
    }

    @Test
    void schemaFieldMustNameTheCommandOfTheTopic() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        // cmd-loose accepts any object; its schema field must still say which command it is.
        bench.register("loose", counting(CommandReply.ok(null)));
        bench.send("loose", "{\"schema\":\"medcab/cmd/sample/1\",\"requestId\":\"r1\"}");
        JsonObject body = bench.reply().body();
        assertEquals("rejected", body.get("status").getAsString());
        assertEquals("/schema", body.getAsJsonObject("error").get("field").getAsString());
        assertEquals(0, calls.get());
    }

    @Test
    void schemaThatLetsARequestWithoutRequestIdThroughStillCannotReachTheHandler() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("loose", counting(CommandReply.ok(null)));
        bench.send("loose", "{\"schema\":\"medcab/cmd/loose/1\",\"requestId\":\"has spaces\"}");
        JsonObject body = bench.reply().body();
        assertEquals("/requestId", body.getAsJsonObject("error").get("field").getAsString());
        assertEquals(0, calls.get());
    }

    @Test
    void unusableContractSchemaGivesAFailedReplyAndNothingIsFetched() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("remote", counting(CommandReply.ok(null)));
        bench.send("remote", "{\"schema\":\"medcab/cmd/remote/1\",\"requestId\":\"r1\",\"x\":1}");
        JsonObject body = bench.reply().body();
        assertEquals("failed", body.get("status").getAsString());
        assertEquals(0, calls.get());
    }

    @Test
    void oversizePayloadIsRejectedUnreadWithAnErrorReply() throws Exception {
        bench = new CommandBench(dir, true, new CommandSettings(2048, CommandSettings.DEFAULT_RETENTION, 100));
        bench.register("sample", counting(CommandReply.ok(null)));
        JsonObject cmd = CommandBench.sample("req-big");
        cmd.addProperty("orderId", "x".repeat(3000));
        bench.send("sample", cmd.toString());
        UplinkMessage reply = bench.reply();
        assertEquals(CommandDispatcher.ERROR_SCHEMA, reply.schema());
        JsonObject body = reply.body();
        assertEquals("rejected", body.get("status").getAsString());
        assertEquals("", body.get("requestId").getAsString(), "an unread request has no request id");
        assertTrue(body.getAsJsonObject("error").get("problem").getAsString().contains("at most 2048 bytes"));
        assertEquals(0, calls.get());
        assertEquals(0, bench.log.size());
    }

    @Test
    void unknownCommandGetsAnErrorReplyWithTheSanitisedName() throws Exception {
        bench = new CommandBench(dir, true);
        bench.send("défaire\u0001", "{\"requestId\":\"r-9\"}");
        UplinkMessage reply = bench.reply();
        assertEquals(CommandDispatcher.ERROR_SCHEMA, reply.schema());
        assertEquals("reply/d_faire_", reply.subtopic());
        JsonObject body = reply.body();
        assertEquals("d_faire_", body.get("command").getAsString());
        assertEquals("r-9", body.get("requestId").getAsString());
        assertEquals("rejected", body.get("status").getAsString());
        assertTrue(body.getAsJsonObject("error").get("problem").getAsString().startsWith("unknown command"));
    }

    @Test
    void knownCommandWithoutHandlerIsRejectedAsNotAvailable() throws Exception {
        bench = new CommandBench(dir, true);
        bench.send("sample", CommandBench.sample("req-nohandler").toString());
        JsonObject body = bench.reply().body();
        assertEquals("rejected", body.get("status").getAsString());
        assertEquals("command not available on this gateway", body.getAsJsonObject("error").get("problem").getAsString());
        // Once a handler is there, the same request is handled: nothing was applied before.
        bench.register("sample", counting(CommandReply.ok(null)));
        bench.send("sample", CommandBench.sample("req-nohandler").toString());
        assertEquals("ok", bench.reply().body().get("status").getAsString());
        assertEquals(1, calls.get());
    }

    @Test
    void handlerRejectionBecomesARejectedReplyNamingItsField() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", request -> {
            calls.incrementAndGet();
            throw new CommandRejectedException("/gtin", "no such drug in the catalog");
        });
        bench.send("sample", CommandBench.sample("req-r").toString());
        JsonObject body = bench.reply().body();
        assertEquals("rejected", body.get("status").getAsString());
        assertEquals("/gtin", body.getAsJsonObject("error").get("field").getAsString());
        assertEquals("no such drug in the catalog", body.getAsJsonObject("error").get("problem").getAsString());
    }

    @Test
    void handlerExceptionBecomesAFailedReplyAndTheRequestIsNotAppliedAgainOnRedelivery() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", request -> {
            calls.incrementAndGet();
            throw new IllegalStateException("disk on fire");
        });
        String payload = CommandBench.sample("req-f").toString();
        bench.send("sample", payload);
        bench.send("sample", payload);
        List<UplinkMessage> replies = bench.drain();
        assertEquals(2, replies.size());
        JsonObject body = replies.get(0).body();
        assertEquals("failed", body.get("status").getAsString());
        assertTrue(body.getAsJsonObject("error").get("problem").getAsString().contains("IllegalStateException"));
        assertFalse(body.toString().contains("disk on fire"), "the exception's message stays in the gateway log");
        assertEquals(1, calls.get());
    }

    @Test
    void handlerReturningNothingIsAFailure() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", request -> null);
        bench.send("sample", CommandBench.sample("req-null").toString());
        assertEquals("failed", bench.reply().body().get("status").getAsString());
    }

    @Test
    void rejectedStatusWithoutErrorStillGetsAnErrorObject() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.of(ReplyStatus.REJECTED, null)));
        bench.send("sample", CommandBench.sample("req-plain-reject").toString());
        JsonObject body = bench.reply().body();
        assertEquals("rejected", body.get("status").getAsString());
        assertTrue(body.has("error"));
    }

    @Test
    void followUpsGoOutAfterTheFirstReplyAndTheLatestAnswersARedelivery() throws Exception {
        bench = new CommandBench(dir, true);
        AtomicReference<CommandRequest> kept = new AtomicReference<>();
        bench.register("sample", request -> {
            calls.incrementAndGet();
            kept.set(request);
            // Sent before handle() returns: must still arrive after the accepted reply.
            request.followUp(CommandReply.of(ReplyStatus.PROGRESS, result("step", "1")));
            return CommandReply.of(ReplyStatus.ACCEPTED, null);
        });
        String payload = CommandBench.sample("req-long").toString();
        bench.send("sample", payload);
        kept.get().followUp(CommandReply.ok(result("step", "done")));
        bench.send("sample", payload);
        List<UplinkMessage> replies = bench.drain();
        assertEquals(List.of("accepted", "progress", "ok", "ok"),
                replies.stream().map(r -> r.body().get("status").getAsString()).toList());
        replies.forEach(r -> assertEquals("req-long", r.body().get("correlationId").getAsString()));
        assertEquals(replies.get(2).body(), replies.get(3).body());
        assertEquals(1, calls.get());
    }

    @Test
    void requestRecordedButNotProcessedBeforeAStopIsHandledOnceAfterTheRestart() throws Exception {
        bench = new CommandBench(dir, true);
        bench.closeDispatcher();
        // What arrived() does, without a worker to process it: the gateway stopped right after.
        try (RequestLog log = RequestLog.open(dir, CommandSettings.DEFAULT_RETENTION, 100)) {
            log.arrived("sample", CommandBench.sample("req-restart").toString().getBytes(StandardCharsets.UTF_8), 100, Instant.now());
        }
        bench.register("sample", counting(CommandReply.ok(null)));
        bench.open();
        assertEquals("ok", bench.reply().body().get("status").getAsString());
        assertEquals(1, calls.get());
        bench.closeDispatcher();
        bench.open();
        assertTrue(bench.drain().isEmpty(), "an answered request is not processed again");
        assertEquals(1, calls.get());
    }

    @Test
    void queuedRequestsSurviveCloseAndAnInterruptedHandlersAnswerIsItsOutcome() throws Exception {
        bench = new CommandBench(dir, false);
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger second = new AtomicInteger();
        bench.register("sample", request -> {
            if (request.requestId().equals("req-slow") && calls.incrementAndGet() == 1) {
                inHandler.countDown();
                try {
                    never.await(); // the gateway stops while this handler works
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted by the stop");
                }
            }
            if (request.requestId().equals("req-queued")) {
                second.incrementAndGet();
            }
            return CommandReply.ok(null);
        });
        bench.send("sample", CommandBench.sample("req-slow").toString());
        bench.send("sample", CommandBench.sample("req-queued").toString());
        assertTrue(inHandler.await(10, TimeUnit.SECONDS));
        bench.closeDispatcher();
        // The interrupted handler answered "failed" while the dispatcher closed: that is its outcome.
        List<UplinkMessage> beforeStop = bench.drain();
        assertEquals(List.of("failed"), beforeStop.stream().map(r -> r.body().get("status").getAsString()).toList());
        assertEquals(0, second.get(), "the queued request was not started");

        bench.open();
        assertEquals("req-queued", bench.reply().body().get("requestId").getAsString());
        assertEquals(1, second.get(), "the queued request is handled once");
        assertEquals(1, calls.get(), "the answered request is not handled again");
        // A redelivery of the interrupted one gets its outcome, not a second run.
        bench.send("sample", CommandBench.sample("req-slow").toString());
        assertEquals("failed", bench.reply().body().get("status").getAsString());
        assertEquals(1, calls.get());
    }

    @Test
    void requestWhoseHandlerWasRunningWhenTheGatewayDiedIsHandedToItsHandlerAgain() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", request -> {
            if (calls.incrementAndGet() == 1) {
                // The JVM dies in the middle of the handler: nothing after this line runs.
                throw new OutOfMemoryError("simulated death of the gateway");
            }
            return CommandReply.ok(result("run", String.valueOf(calls.get())));
        });
        org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class,
                () -> bench.send("sample", CommandBench.sample("req-crash").toString()));
        assertTrue(bench.drain().isEmpty());
        bench.closeDispatcher();

        bench.open();
        JsonObject body = bench.reply().body();
        assertEquals("ok", body.get("status").getAsString());
        assertEquals("2", body.getAsJsonObject("result").get("run").getAsString());
        assertEquals(2, calls.get());
        bench.send("sample", CommandBench.sample("req-crash").toString());
        assertEquals(body, bench.reply().body(), "from now on answered from the stored reply");
        assertEquals(2, calls.get());
    }

    @Test
    void uplinkRefusalKeepsTheRequestForTheNextStart() throws Exception {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(result("n", "1"))));
        bench.uplink.refusing = true;
        bench.send("sample", CommandBench.sample("req-refused").toString());
        assertTrue(bench.drain().isEmpty());
        bench.closeDispatcher();
        bench.uplink.refusing = false;
        bench.open();
        JsonObject body = bench.reply().body();
        assertEquals("ok", body.get("status").getAsString());
        assertEquals(1, calls.get(), "answered from the stored reply, not handled again");
    }

    @Test
    void handlerWithHigherRankingWinsAndAGoneHandlerMeansNotAvailable() throws Exception {
        bench = new CommandBench(dir, true);
        CommandHandler low = counting(CommandReply.ok(result("by", "low")));
        CommandHandler high = request -> CommandReply.ok(result("by", "high"));
        bench.register("sample", low, 0);
        bench.register("sample", high, 10);
        bench.send("sample", CommandBench.sample("req-a").toString());
        assertEquals("high", bench.reply().body().getAsJsonObject("result").get("by").getAsString());
        bench.handlers.remove(high);
        bench.send("sample", CommandBench.sample("req-b").toString());
        assertEquals("low", bench.reply().body().getAsJsonObject("result").get("by").getAsString());
        bench.handlers.remove(low);
        bench.send("sample", CommandBench.sample("req-c").toString());
        assertEquals("command not available on this gateway",
                bench.reply().body().getAsJsonObject("error").get("problem").getAsString());
    }

    @Test
    void arrivalAfterCloseIsNotProcessed() {
        bench = new CommandBench(dir, true);
        bench.register("sample", counting(CommandReply.ok(null)));
        bench.closeDispatcher();
        bench.send("sample", CommandBench.sample("late").toString());
        assertEquals(0, calls.get());
        bench.open();
    }
}
