package org.medcab.mqtt.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.medcab.api.ReaderHealth;
import org.medcab.api.ZoneInventory;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's link to the hospital: publishes birth, zone snapshots, inventory and reader events
 * to an MQTT 3.1.1 broker (QoS 1, persistent session) and leaves a death message as last will.
 *
 * <p>{@link #cycleCompleted} only files the cycle's messages into the in-memory {@link Outbox} and
 * returns; one worker thread connects, reconnects with a growing delay while the broker is away,
 * and on every connection publishes the birth message first, then the latest snapshot of every
 * zone, then whatever is waiting, in cycle order. A message keeps its id and seq when resent, so
 * the HIS can drop the duplicates that at-least-once delivery brings.
 *
 * <p>Outside OSGi: {@code new MqttLink(settings, dataDirectory, () -> bundleList)}, {@link #start()},
 * feed it {@link CycleReport}s, {@link #close()}.
 */
public final class MqttLink implements InventoryListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** Name of the sequence high-water mark file in the data directory. */
    public static final String SEQUENCE_FILE = "mqtt-sequence";
    private static final int SEQUENCE_BLOCK = 1000;
    private static final int QOS = 1;
    /** Messages handed to the broker before waiting for acknowledgements: keeps a slow link busy. */
    private static final int WINDOW = 50;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** How long a clean shutdown waits for the outbox to empty before the death message. */
    private static final long CLOSE_DRAIN_MILLIS = 2000;
    private static final Duration STILL_OFFLINE_REPORT = Duration.ofMinutes(5);

    private final LinkSettings settings;
    private final Supplier<List<BundleVersion>> bundles;
    private final SequenceStore sequence;
    private final SSLSocketFactory tls;
    private final Outbox outbox;
    private final ReaderWatch readerWatch = new ReaderWatch();
    private final Set<String> rejectedZones = ConcurrentHashMap.newKeySet();
    private final Object pause = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<ReaderHealth> latestReaders = List.of();
    /** Reader ids the last birth message listed; a cycle with other readers announces itself again. */
    private volatile Set<String> announcedReaders = Set.of();
    private volatile boolean closing;
    private volatile boolean overflowReported;
    private volatile MqttAsyncClient client;
    private volatile boolean sessionBroken;
    private volatile CompletableFuture<Void> connecting;
    /** The death message registered with connection attempts that have not succeeded yet; worker only. */
    private Outbox.Sent will;
    private Thread worker;

    /**
     * Prepares the link; nothing connects before {@link #start()}.
     *
     * @param settings      broker, identity and TLS
     * @param dataDirectory where the sequence high-water mark is kept (the bundle's data area in OSGi)
     * @param bundles       what the birth message lists, asked on every connection
     * @throws IOException              when the sequence file is unreadable (see {@link SequenceStore})
     * @throws IllegalArgumentException when a TLS store cannot be loaded
     */
    public MqttLink(LinkSettings settings, Path dataDirectory, Supplier<List<BundleVersion>> bundles) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.sequence = new SequenceStore(dataDirectory.resolve(SEQUENCE_FILE), SEQUENCE_BLOCK);
        this.outbox = new Outbox(settings.outboxEventLimit());
        if (settings.usesTls()) {
            tls = TlsSockets.create(settings);
        } else {
            tls = null;
            if (settings.trustStore() != null || settings.keyStore() != null) {
                LOG.warn("TLS stores are configured but brokerUrl {} is not ssl://: the connection is NOT encrypted",
                        settings.brokerUrl());
            }
        }
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info("MQTT link starting: {}", settings);
        worker = new Thread(this::run, "medcab-mqtt-link");
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether a broker connection is up right now; while it is not, messages wait in the outbox. */
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && usable(c);
    }

    /** Paho marks a lost connection before it calls connectionLost, so both are asked. */
    private boolean usable(MqttAsyncClient c) {
        return c.isConnected() && !sessionBroken;
    }

    /**
     * Files the cycle's messages for sending and returns at once, broker or no broker. Zones whose id
     * cannot be a topic level are left out (error logged once per zone) from snapshots and event alike.
     */
    @Override
    public void cycleCompleted(CycleReport report) {
        try {
            if (closing) {
                LOG.debug("MQTT link closed; cycle {} not sent", report.cycle());
                return;
            }
            Instant end = report.started().plus(report.duration());
            List<ZoneSnapshot> snapshots = new ArrayList<>();
            List<InventoryEvent.ZoneChange> changes = new ArrayList<>();
            for (ZoneInventory zone : report.zones()) {
                String problem = TopicLevels.problem(zone.zone());
                if (problem != null) {
                    if (rejectedZones.add(zone.zone())) {
                        LOG.error("Zone id '{}' cannot be an MQTT topic level ({}): its snapshots and events are not"
                                + " published; give the zone an id without '/', '+' or '#'", zone.zone(), problem);
                    }
                    continue;
                }
                snapshots.add(new ZoneSnapshot(report.cycle(), end, zone));
                changes.add(InventoryEvent.ZoneChange.of(zone));
            }
            List<Message> events = new ArrayList<>();
            // The first birth of a start goes out before any reader has registered; the HIS learns
            // the cabinet's readers from a fresh birth as soon as a cycle shows them, or when they change.
            Set<String> readerIds = readerIds(report.readers());
            if (!readerIds.equals(announcedReaders)) {
                announcedReaders = readerIds;
                events.add(new BirthMessage(end, installedBundles(), report.readers()));
            }
            events.add(new InventoryEvent(report.cycle(), end, report.duration().toMillis(), report.passes(),
                    report.stable(), changes));
            for (ReaderHealth reader : readerWatch.changes(report.readers())) {
                events.add(new ReaderEvent(end, reader));
            }
            latestReaders = report.readers();
            if (outbox.addCycle(snapshots, events) > 0 && !overflowReported) {
                overflowReported = true;
                LOG.warn("MQTT outbox is full ({} events) while the broker is away: dropping the oldest events",
                        settings.outboxEventLimit());
            }
        } catch (RuntimeException e) {
            LOG.error("MQTT link could not file inventory cycle {}", report == null ? "(null report)" : report.cycle(), e);
        }
    }

    /**
     * Publishes what is waiting (for up to two seconds), then the death message, then disconnects
     * cleanly. Whatever could not be sent is lost: the outbox is in memory.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        outbox.wake();
        // A connection attempt may be waiting for a broker that never answers: abandon it.
        CompletableFuture<Void> attempt = connecting;
        if (attempt != null) {
            attempt.cancel(false);
        }
        Thread w = worker;
        if (w != null) {
            try {
                // Connected, the worker drains, says goodbye and disconnects within CLOSE_DRAIN_MILLIS + ~3 s.
                w.join(CLOSE_DRAIN_MILLIS + 5000);
                if (w.isAlive()) {
                    LOG.warn("MQTT link worker did not stop in time; abandoning its connection");
                    MqttAsyncClient c = client;
                    if (c != null) {
                        dispose(c);
                    }
                    w.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = outbox.size();
        if (left > 0) {
            LOG.warn("MQTT link closed with {} messages not delivered; they are lost (the outbox is in memory)", left);
        } else {
            LOG.info("MQTT link closed");
        }
    }

    private void run() {
        try {
            work();
        } catch (Throwable t) {
            // Nothing else would say that the hospital stopped hearing from this gateway.
            LOG.error("MQTT link worker stopped: nothing more will be published until the link is restarted", t);
            throw t;
        }
    }

    private void work() {
        long delay = settings.reconnectDelayMin().toMillis();
        Instant offlineSince = Instant.now();
        Instant lastReport = offlineSince;
        String lastFailure = null;
        while (!closing) {
            MqttAsyncClient c;
            try {
                c = connect();
            } catch (MqttException | RuntimeException e) {
                if (closing) {
                    break;
                }
                // A new reason is news; the same reason again is not, except every few minutes.
                Instant now = Instant.now();
                String failure = describe(e);
                if (!failure.equals(lastFailure)) {
                    lastFailure = failure;
                    lastReport = now;
                    if (isConfigurationProblem(e)) {
                        LOG.error("MQTT connection to {} refused: {}; check credentials and TLS settings; retrying",
                                settings.brokerUrl(), failure);
                    } else {
                        LOG.info("MQTT connection to {} failed: {}; retrying", settings.brokerUrl(), failure);
                    }
                } else if (Duration.between(lastReport, now).compareTo(STILL_OFFLINE_REPORT) >= 0) {
                    lastReport = now;
                    LOG.warn("MQTT still not connected to {} after {} s: {}; {} messages waiting", settings.brokerUrl(),
                            Duration.between(offlineSince, now).toSeconds(), failure, outbox.size());
                } else {
                    LOG.debug("MQTT connection to {} failed: {}", settings.brokerUrl(), failure);
                }
                pause(delay);
                delay = Math.min(delay * 2, settings.reconnectDelayMax().toMillis());
                continue;
            }
            lastFailure = null;
            long connectedAt = System.nanoTime();
            try {
                converse(c);
            } catch (RuntimeException e) {
                LOG.error("MQTT link failed unexpectedly; reconnecting", e);
            } finally {
                dispose(c);
            }
            offlineSince = Instant.now();
            lastReport = offlineSince;
            // Only a connection that lasted earns a quick retry: a broker that accepts and drops at once
            // (another gateway with the same client id, an ACL refusing our topics) must not be hammered.
            if (System.nanoTime() - connectedAt > settings.reconnectDelayMax().toNanos()) {
                delay = settings.reconnectDelayMin().toMillis();
            }
            pause(delay);
            delay = Math.min(delay * 2, settings.reconnectDelayMax().toMillis());
        }
    }

    private MqttAsyncClient connect() throws MqttException {
        // A fresh client (and in-memory store) per connection: Paho would otherwise resend its own
        // unacknowledged messages ahead of the birth message; the outbox resends them after it instead.
        MqttAsyncClient c = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client = c;
        sessionBroken = false;
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(false);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(settings.keepAliveSeconds());
            options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
            options.setMaxInflight(WINDOW + 2);
            if (settings.username() != null) {
                options.setUserName(settings.username());
            }
            if (settings.password() != null) {
                options.setPassword(settings.password().toCharArray());
            }
            if (tls != null) {
                options.setSocketFactory(tls);
                options.setHttpsHostnameVerificationEnabled(true);
            }
            if (will == null) {
                will = render(new DeathMessage(Instant.now()));
            }
            options.setWill(will.topic(), will.payload(), QOS, false);
            c.setCallback(new Callback(c));
            CompletableFuture<Void> attempt = new CompletableFuture<>();
            connecting = attempt;
            if (closing) {
                throw new MqttException(MqttException.REASON_CODE_CLIENT_CLOSED);
            }
            c.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    attempt.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    attempt.completeExceptionally(failure);
                }
            });
            // Not Paho's waitForCompletion: close() must be able to abandon an attempt that the broker
            // never answers, instead of sitting out the connect timeout.
            attempt.get();
            // This will may now be sent; the next connection gets its own. Until then failed attempts
            // reuse it, so an outage does not leave the HIS a gap in seq for every attempt.
            will = null;
            return c;
        } catch (CancellationException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            dispose(c);
            throw new MqttException(MqttException.REASON_CODE_CLIENT_CLOSED);
        } catch (ExecutionException e) {
            dispose(c);
            throw e.getCause() instanceof MqttException m ? m : new MqttException(e.getCause());
        } catch (MqttException | RuntimeException e) {
            dispose(c);
            throw e;
        }
    }

    private void converse(MqttAsyncClient c) {
        LOG.info("MQTT connected to {} as {}", settings.brokerUrl(), settings.clientId());
        long dropped = outbox.takeDroppedEvents();
        if (dropped > 0) {
            LOG.warn("MQTT outbox overflowed while the broker was away: the {} oldest events were dropped", dropped);
        }
        overflowReported = false;
        outbox.restartDelivery();
        try {
            List<ReaderHealth> readers = latestReaders;
            announcedReaders = readerIds(readers);
            Outbox.Sent birth = render(new BirthMessage(Instant.now(), installedBundles(), readers));
            c.publish(birth.topic(), birth.payload(), QOS, false);
            while (!closing && usable(c)) {
                Outbox.Entry entry = outbox.next(WINDOW, 500);
                // Checked again: a connection known to be lost must not use up a seq; the entry
                // goes back to pending with the others when the next connection starts.
                if (entry != null && usable(c)) {
                    send(c, entry);
                }
            }
            if (closing && usable(c)) {
                leave(c);
            }
        } catch (MqttException e) {
            if (!closing && !sessionBroken) {
                LOG.info("MQTT publish failed: {}; reconnecting", describe(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(MqttAsyncClient c, Outbox.Entry entry) throws MqttException {
        if (entry.sent == null) {
            entry.sent = render(entry.message);
        }
        LOG.debug("MQTT publishing {} seq {}", entry.sent.topic(), entry.sent.seq());
        c.publish(entry.sent.topic(), entry.sent.payload(), QOS, entry.message.retained(), entry, new Delivery(c));
    }

    /** Clean shutdown: drain briefly, say goodbye, disconnect (which discards the will). */
    private void leave(MqttAsyncClient c) throws MqttException, InterruptedException {
        long deadline = System.nanoTime() + CLOSE_DRAIN_MILLIS * 1_000_000;
        while (outbox.size() > 0 && usable(c) && System.nanoTime() < deadline) {
            Outbox.Entry entry = outbox.next(WINDOW, 50);
            if (entry != null && usable(c)) {
                send(c, entry);
            }
        }
        Outbox.Sent death = render(new DeathMessage(Instant.now()));
        c.publish(death.topic(), death.payload(), QOS, false).waitForCompletion(1000);
        c.disconnect(500).waitForCompletion(1500);
        LOG.info("MQTT disconnected from {} after publishing death", settings.brokerUrl());
    }

    private Outbox.Sent render(Message message) {
        long seq = sequence.next();
        byte[] payload = MessageJson.encode(message, UUID.randomUUID(), seq, settings.site(), settings.gateway());
        return new Outbox.Sent(settings.topicRoot() + "/" + message.subtopic(), payload, seq);
    }

    private static Set<String> readerIds(List<ReaderHealth> readers) {
        Set<String> ids = new HashSet<>();
        readers.forEach(r -> ids.add(r.readerId()));
        return ids;
    }

    private List<BundleVersion> installedBundles() {
        try {
            return bundles.get();
        } catch (RuntimeException e) {
            LOG.warn("MQTT birth without bundle list: {}", e.toString());
            return List.of();
        }
    }

    private void pause(long millis) {
        synchronized (pause) {
            if (!closing) {
                try {
                    pause.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closing = true;
                }
            }
        }
    }

    /** Closes the network without a DISCONNECT packet (so the broker sends the will) and frees the client. */
    private static void dispose(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 500, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT forced disconnect: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT client close: {}", e.toString());
        }
    }

    private static boolean isConfigurationProblem(Exception e) {
        if (e instanceof MqttException m) {
            int code = m.getReasonCode();
            if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                return true;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** Paho's message plus the root cause, which is where the useful part is ("Connection refused"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Session-level events of one client; events of a client already replaced are ignored. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient source;

        Callback(MqttAsyncClient source) {
            this.source = source;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (source != client) {
                return;
            }
            sessionBroken = true;
            outbox.wake();
            if (!closing) {
                LOG.info("MQTT connection lost: {}; retrying", describe(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Nothing is subscribed yet; a persistent session may still hand over old messages.
            LOG.debug("MQTT ignoring message on {}", topic);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled per message by Delivery.
        }
    }

    /** Removes a message from the outbox once the broker has acknowledged it. */
    private final class Delivery implements IMqttActionListener {
        private final MqttAsyncClient source;

        Delivery(MqttAsyncClient source) {
            this.source = source;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            outbox.delivered((Outbox.Entry) token.getUserContext());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            if (source == client && !sessionBroken) {
                LOG.info("MQTT publish failed: {}; reconnecting", describe(failure));
                sessionBroken = true;
                outbox.wake();
            }
        }
    }
}
