package org.medcab.mqtt.internal;

import java.nio.file.Path;
import java.util.List;

import org.medcab.hospital.Delivery;

/**
 * Writes numbered messages into a durable outbox as fast as it can, for the test that kills it with
 * SIGKILL: args {@code dataDirectory from}. Prints {@code stored n} once {@code store} returned for
 * message n; every few messages it also takes a batch as the link would (which numbers and rewrites
 * them) and acknowledges half of it, printing {@code delivered n}.
 */
public final class OutboxWriterMain {
    private OutboxWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        DurableOutbox outbox = OutboxMessages.open(Path.of(args[0]));
        for (long n = Long.parseLong(args[1]); ; n++) {
            outbox.store(List.of(OutboxMessages.numbered("events/crash", n, Delivery.RECORD)));
            System.out.println("stored " + n);
            if (n % 7 == 0) {
                List<DurableOutbox.Ready> batch = outbox.take(20, 0);
                for (int i = 0; i < batch.size() / 2; i++) {
                    outbox.delivered(batch.get(i).entry());
                    System.out.println("delivered " + OutboxMessages.n(batch.get(i)));
                }
                outbox.restartDelivery();
            }
        }
    }
}
