package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcab.lab.ChildProcess;
import org.medcab.lab.MosquittoBroker;
import org.medcab.mqtt.internal.HisSubscriber.Received;

/**
 * Issue 4, part 6: a burst of 10,000 messages through {@code HospitalUplink.send} from a gateway JVM,
 * while Mosquitto is stopped and restarted twice and the gateway is killed with SIGKILL once and
 * started again on the same data directory. The HIS (a persistent QoS 1 session, which the broker
 * keeps across its restarts with persistence on) must end up with every message, every seq from
 * first to last without a gap, and duplicates only as QoS 1 resends: the same seq, id and payload.
 */
class OutageAndKillTest extends BrokerTest {
    private static final int BURST = 10_000;
    private static final String HIS = "his-burst";

    private MosquittoBroker broker;
    private final List<ChildProcess> gateways = new ArrayList<>();
    private HisSubscriber his;
    private final List<Received> received = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (ChildProcess gateway : gateways) {
            gateway.stop(Duration.ofSeconds(2));
        }
        if (his != null) {
            his.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A gateway JVM sending the burst, except what {@code skipFile} lists (null: all of it). */
    private ChildProcess gateway(Path skipFile) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                LinkProcessMain.class.getName(), broker.url(), dir.resolve("gateway").toString(), "burst",
                Integer.toString(BURST)));
        if (skipFile != null) {
            command.add(skipFile.toString());
        }
        ChildProcess gateway = ChildProcess.start("gateway", command, System.out, null);
        gateways.add(gateway);
        return gateway;
    }

    /** Waits until this gateway's sends returned {@code count} times in all. */
    private static void awaitSent(ChildProcess gateway, int count) throws InterruptedException {
        int[] seen = {0};
        assertTrue(gateway.awaitLine(line -> line.startsWith("sent ") && ++seen[0] >= count, Duration.ofSeconds(60)),
                "the gateway did not send " + count + " messages: " + gateway.recentOutput());
    }

    /** The broker goes away (SIGTERM, it saves its sessions); the HIS loses its connection too. */
    private void stopBroker() throws Exception {
        broker.stop();
        received.addAll(his.drain(Duration.ZERO));
        his.close();
    }

    private void restartBroker() throws Exception {
        broker.restart();
        his = HisSubscriber.resume(broker.url(), HIS);
    }

    @Test
    void everyMessageArrivesWithEverySeqThroughTwoBrokerOutagesAndAKillMinus9() throws Exception {
        long start = System.nanoTime();
        // Unlimited queue for the HIS session: Mosquitto's default of 1000 would drop messages itself.
        broker = MosquittoBroker.start(dir, true, "max_queued_messages 0");
        his = HisSubscriber.subscribePersistent(broker.url(), HIS, "medcab/site1/burst/#");

        ChildProcess first = gateway(null);
        awaitSent(first, 1500);
        stopBroker();
        awaitSent(first, 3000);
        restartBroker();
        awaitSent(first, 4500);
        first.process().destroyForcibly(); // SIGKILL while it sends and stores
        assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
        Set<Long> sent = sent(first);
        assertTrue(sent.size() < BURST, "killed before the end of the burst");

        // Started again on the same data directory, it sends what no send returned for. (What was
        // stored without its send returning is sent twice: two messages, each with its own id and seq.)
        Path skip = dir.resolve("sent-before-the-kill");
        Files.write(skip, sent.stream().map(String::valueOf).toList());
        ChildProcess second = gateway(skip);
        awaitSent(second, 2000);
        stopBroker();
        awaitSent(second, 3500);
        restartBroker();
        assertTrue(second.awaitLine("burst done"::equals, Duration.ofSeconds(60)), second.recentOutput());

        BitSet burst = new BitSet(BURST);
        received.forEach(r -> markBurst(burst, r));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (burst.cardinality() < BURST) {
            if (System.nanoTime() > deadline) {
                fail("after 60 s the HIS still misses " + (BURST - burst.cardinality()) + " messages, first "
                        + burst.nextClearBit(0));
            }
            Received r = his.next(Duration.ofSeconds(30));
            received.add(r);
            markBurst(burst, r);
        }
        received.addAll(his.drain(Duration.ofMillis(300)));

        // Duplicates only as QoS 1 resends: one seq, one id, one payload.
        TreeMap<Long, Received> bySeq = new TreeMap<>();
        Map<String, Long> seqById = new HashMap<>();
        int duplicates = 0;
        for (Received r : received) {
            Received earlier = bySeq.putIfAbsent(r.seq(), r);
            String id = r.json().get("id").getAsString();
            Long seqOfId = seqById.putIfAbsent(id, r.seq());
            if (earlier != null) {
                duplicates++;
                assertEquals(earlier.json(), r.json(), "seq " + r.seq() + " came twice with different contents");
            }
            assertEquals(r.seq(), seqOfId == null ? r.seq() : seqOfId, "id " + id + " with two seqs");
        }
        // Every seq from first to last: births, wills and the burst share one gap-free numbering.
        long firstSeq = bySeq.firstKey();
        long lastSeq = bySeq.lastKey();
        List<Long> missing = new ArrayList<>();
        for (long seq = firstSeq; seq <= lastSeq; seq++) {
            if (!bySeq.containsKey(seq)) {
                missing.add(seq);
            }
        }
        // Except one: the will of the connection that is still up. It was numbered (just before that
        // connection's birth) when it was registered, and the broker sends it only when the connection dies.
        Received lastBirth = received.stream().filter(r -> r.topic().endsWith("/birth"))
                .max((a, b) -> Long.compare(a.seq(), b.seq())).orElseThrow();
        assertEquals(List.of(lastBirth.seq() - 1), missing, "seq gaps between " + firstSeq + " and " + lastSeq
                + " other than the live connection's will");
        assertEquals(1, firstSeq, "numbering starts at 1 on a fresh data directory");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.printf("outage test: %d messages received (%d duplicates), seq 1..%d without a gap"
                + " but the live connection's will, %d s%n", received.size(), duplicates, lastSeq, seconds);
    }

    private static void markBurst(BitSet burst, Received r) {
        if (r.topic().endsWith("/" + LinkProcessMain.BURST_SUBTOPIC)) {
            burst.set((int) r.json().get("n").getAsLong());
        }
    }

    private static Set<Long> sent(ChildProcess gateway) throws InterruptedException {
        Set<Long> sent = new HashSet<>();
        gateway.awaitLine(line -> {
            if (line.startsWith("sent ")) {
                sent.add(Long.parseLong(line.substring(5)));
            }
            return false;
        }, Duration.ofSeconds(10)); // returns once the dead process's output is read to the end
        return sent;
    }
}
