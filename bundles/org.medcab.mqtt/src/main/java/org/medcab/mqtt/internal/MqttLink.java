package org.medcab.mqtt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.medcab.inventory.CycleReport;
import org.medcab.inventory.InventoryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's link to the hospital: publishes birth, zone snapshots, inventory and reader events,
 * health and whatever other bundles {@link #send} to an MQTT 3.1.1 broker (QoS 1, persistent
 * session), leaves a death message as last will, and hands arriving commands to a {@link CommandInbox}.
 *
 * <p>Every message goes through the {@link DurableOutbox} in the data directory: {@link #send} and
 * {@link #cycleCompleted} return once it is on disk, never waiting for the network. One worker
 * thread connects, reconnects with a growing delay while the broker is away, and on every
 * connection publishes the birth message first, then urgent messages, then the rest in the order
 * they were stored; a message leaves the outbox only when the broker acknowledged it. A message keeps
 * its id and seq when resent (after a reconnect or a restart), so the HIS can drop the duplicates that
 * at-least-once delivery brings.
 *
 * <p>Outside OSGi: {@code new MqttLink(settings, dataDirectory, () -> bundleList)}, {@link #start()},
 * feed it {@link CycleReport}s and {@link UplinkMessage}s, {@link #close()}.
 */
public final class MqttLink implements InventoryListener, HospitalUplink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    private static final int QOS = 1;
    /** Wills that may not have reached the HIS yet, in the data directory. */
    static final String WILLS_FILE = "mqtt-wills";
    /** Messages handed to the broker before waiting for acknowledgements: keeps a slow link busy. */
    private static final int WINDOW = 100;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** How long a clean shutdown waits for the outbox to empty before the death message. */
    private static final long CLOSE_DRAIN_MILLIS = 2000;
    private static final Duration STILL_OFFLINE_REPORT = Duration.ofMinutes(5);
    /** Envelope fields the link writes; a body must not bring its own. */
    private static final Set<String> ENVELOPE = Set.of("schema", "id", "seq", "site", "gateway", "time");
    private static final CommandInbox NO_COMMANDS = (command, payload) ->
            LOG.warn("MQTT command {} arrived but this link handles no commands; ignored", command);

    private final LinkSettings settings;
    private final Supplier<List<BundleVersion>> bundles;
    private final CommandInbox inbox;
    private final DurableOutbox outbox;
    private final SSLSocketFactory tls;
    private final ReaderWatch readerWatch = new ReaderWatch();
    private final Set<String> rejectedZones = ConcurrentHashMap.newKeySet();
    private final Object pause = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService health;
    private volatile List<ReaderHealth> latestReaders = List.of();
    /** Reader ids the last birth message listed; a cycle with other readers announces itself again. */
    private volatile Set<String> announcedReaders = Set.of();
    private volatile boolean closing;
    private volatile MqttAsyncClient client;
    private volatile boolean sessionBroken;
    private volatile Instant connectedSince;
    private volatile CompletableFuture<Void> connecting;
    /** The death message registered with connection attempts that have not succeeded yet; worker only. */
    private Rendered will;
    /** The will of the current connection: a clean close publishes it, so its seq is not missing. */
    private Rendered connectionWill;
    /**
     * Wills of connections (and connection attempts) that ended: a broker that went down with its connection,
     * or a gateway killed between attempts, never sends them, so the next connection restates them before its
     * birth (same id and seq; a copy the broker did send is a duplicate the HIS drops by id) and the HIS sees no
     * gap in seq. Kept with the live and the attempted will in {@link #WILLS_FILE}, so a kill -9 loses none.
     */
    private final List<Rendered> endedWills = new ArrayList<>();
    private final Path willsFile;
    private Thread worker;

    /** A birth or death as it goes on the wire; these do not wait in the outbox. */
    private record Rendered(String topic, byte[] payload, long seq) {
    }

    /** A link that handles no commands. */
    public MqttLink(LinkSettings settings, Path dataDirectory, Supplier<List<BundleVersion>> bundles) throws IOException {
        this(settings, dataDirectory, bundles, NO_COMMANDS);
    }

    /**
     * Prepares the link and opens its outbox; nothing connects before {@link #start()}.
     *
     * @param settings      broker, identity, TLS, outbox bounds
     * @param dataDirectory where the durable outbox lives (the bundle's data area in OSGi)
     * @param bundles       what the birth message lists, asked on every birth
     * @param inbox         where commands arriving on {@code {root}/cmd/+} go
     * @throws IOException              when the outbox cannot be opened (see {@link DurableOutbox})
     * @throws IllegalArgumentException when a TLS store cannot be loaded
     */
    public MqttLink(LinkSettings settings, Path dataDirectory, Supplier<List<BundleVersion>> bundles, CommandInbox inbox)
            throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        if (settings.usesTls()) {
            tls = TlsSockets.create(settings);
        } else {
            tls = null;
            if (settings.trustStore() != null || settings.keyStore() != null) {
                LOG.warn("TLS stores are configured but brokerUrl {} is not ssl://: the connection is NOT encrypted",
                        settings.brokerUrl());
            }
        }
        this.willsFile = dataDirectory.resolve(WILLS_FILE);
        endedWills.addAll(loadWills(willsFile));
        this.outbox = new DurableOutbox(dataDirectory, settings.outboxMaxMessages(), settings.outboxMaxBytes(),
                (schema, time, body, id, seq) -> MessageJson.encode(schema, time, body, id, seq, settings.site(),
                        settings.gateway()), Clock.systemUTC());
        health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "medcab-mqtt-health");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting in the background, and the periodic health message; returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info("MQTT link starting: {}", settings);
        worker = new Thread(this::run, "medcab-mqtt-link");
        worker.setDaemon(true);
        worker.start();
        long every = settings.healthInterval().toMillis();
        health.scheduleAtFixedRate(this::sendHealth, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether a broker connection is up right now; while it is not, messages wait in the outbox. */
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && usable(c);
    }

    /** What waits in the outbox right now. */
    DurableOutbox.Figures outboxFigures() {
        return outbox.figures();
    }

    /** Paho marks a lost connection before it calls connectionLost, so both are asked. */
    private boolean usable(MqttAsyncClient c) {
        return c.isConnected() && !sessionBroken;
    }

    /**
     * Stores the message in the durable outbox; returns once it is on disk.
     *
     * @throws UplinkRefusedException for a subtopic that cannot be a topic below the gateway's root,
     *                                a body with envelope fields, a closed link or a storage failure
     */
    @Override
    public void send(UplinkMessage message) throws UplinkRefusedException {
        Objects.requireNonNull(message, "message");
        String problem = problem(message);
        if (problem != null) {
            LOG.error("MQTT uplink message {} on '{}' refused: {}", message.schema(), message.subtopic(), problem);
            throw new UplinkRefusedException(problem);
        }
        store(List.of(message), message.schema());
    }

    private void store(List<UplinkMessage> messages, String what) throws UplinkRefusedException {
        if (closing) {
            throw new UplinkRefusedException("the MQTT link is closed");
        }
        try {
            outbox.store(messages);
        } catch (IOException e) {
            LOG.error("MQTT outbox could not store {}: {}", what, e.getMessage());
            throw new UplinkRefusedException("not stored: " + e.getMessage(), e);
        }
    }

    private static String problem(UplinkMessage message) {
        if (message.schema().isBlank()) {
            return "the schema is empty";
        }
        String[] levels = message.subtopic().split("/", -1);
        for (String level : levels) {
            String problem = TopicLevels.problem(level);
            if (problem != null) {
                return "subtopic '" + message.subtopic() + "' has a level that cannot be a topic level: " + problem;
            }
        }
        if (levels[0].equals("cmd")) {
            // The link subscribes to cmd/+: a message published there would come back as a command.
            return "subtopic '" + message.subtopic() + "' is below cmd/, where the HIS sends commands";
        }
        for (String field : message.body().keySet()) {
            if (ENVELOPE.contains(field)) {
                return "the body has the envelope field '" + field + "', which the link sets";
            }
        }
        return null;
    }

    /**
     * Stores the cycle's messages (snapshots as LATEST per zone, retained; the inventory and reader
     * events as RECORD) in one commit. Zones whose id cannot be a topic level are left out (error
     * logged once per zone) from snapshots and event alike.
     */
    @Override
    public void cycleCompleted(CycleReport report) {
        try {
            if (closing) {
                LOG.debug("MQTT link closed; cycle {} not sent", report.cycle());
                return;
            }
            Instant end = report.started().plus(report.duration());
            List<UplinkMessage> messages = new ArrayList<>();
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
                messages.add(uplink(new ZoneSnapshot(report.cycle(), end, zone), Delivery.LATEST));
                changes.add(InventoryEvent.ZoneChange.of(zone));
            }
            latestReaders = report.readers();
            // The first birth of a start goes out before any reader has registered; the HIS learns
            // the cabinet's readers from a fresh birth as soon as a cycle shows them, or when they change.
            Set<String> readerIds = readerIds(report.readers());
            if (!readerIds.equals(announcedReaders)) {
                announcedReaders = readerIds;
                messages.add(uplink(birth(end), Delivery.LATEST));
            }
            messages.add(uplink(new InventoryEvent(report.cycle(), end, report.duration().toMillis(), report.passes(),
                    report.stable(), changes), Delivery.RECORD));
            for (ReaderHealth reader : readerWatch.changes(report.readers())) {
                messages.add(uplink(new ReaderEvent(end, reader), Delivery.RECORD));
            }
            // Zones of this cycle only are restated on reconnection: one removed from the configuration is not.
            outbox.keepRetained("inventory/", snapshotTopics(messages));
            store(messages, "inventory cycle " + report.cycle());
        } catch (UplinkRefusedException e) {
            LOG.error("MQTT link lost inventory cycle {}: {}", report.cycle(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("MQTT link could not file inventory cycle {}", report == null ? "(null report)" : report.cycle(), e);
        }
    }

    /**
     * The installed bundles or their versions changed (an update): a fresh birth tells the HIS what
     * runs now. Queued as LATEST, so a burst of bundle events sends one birth.
     */
    public void bundlesChanged() {
        try {
            if (!closing) {
                store(List.of(uplink(birth(Instant.now()), Delivery.LATEST)), "birth after a bundle change");
            }
        } catch (UplinkRefusedException e) {
            LOG.error("MQTT birth after a bundle change not sent: {}", e.getMessage());
        }
    }

    private void sendHealth() {
        try {
            if (!closing) {
                store(List.of(uplink(new HealthMessage(Instant.now(), connectedSince, outbox.figures()), Delivery.ROUTINE)),
                        "health");
            }
        } catch (UplinkRefusedException e) {
            LOG.warn("MQTT health message not sent: {}", e.getMessage());
        } catch (RuntimeException e) {
            // A throw would cancel the schedule: no more health messages at all.
            LOG.error("MQTT health message failed", e);
        }
    }

    private BirthMessage birth(Instant time) {
        return new BirthMessage(time, installedBundles(), latestReaders, outbox.figures());
    }

    private static Set<String> snapshotTopics(List<UplinkMessage> messages) {
        Set<String> topics = new HashSet<>();
        messages.stream().filter(m -> m.schema().equals(ZoneSnapshot.SCHEMA)).forEach(m -> topics.add(m.subtopic()));
        return topics;
    }

    private static UplinkMessage uplink(Message message, Delivery delivery) {
        return new UplinkMessage(message.schema(), message.subtopic(), message.time(), MessageJson.body(message), delivery,
                message.retained());
    }

    /**
     * Publishes what is waiting (for up to two seconds), then the death message, then disconnects
     * cleanly. Whatever was not acknowledged stays in the outbox for the next start.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        health.shutdownNow();
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
        outbox.close();
        if (left > 0) {
            LOG.info("MQTT link closed; {} messages wait in the outbox and go out after the next start", left);
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
                saveWills();
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
            if (connectionWill != null) {
                endedWills.add(connectionWill);
            }
            connectionWill = will;
            will = null;
            saveWills();
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
        connectedSince = Instant.now();
        try {
            outbox.restartDelivery();
            announcedReaders = readerIds(latestReaders);
            for (Rendered ended : endedWills) {
                c.publish(ended.topic(), ended.payload(), QOS, false);
            }
            endedWills.clear();
            saveWills();
            Rendered birth = render(birth(Instant.now()));
            c.publish(birth.topic(), birth.payload(), QOS, false);
            // Every connection: a broker that lost the session (restart without persistence) lost this too.
            c.subscribe(settings.topicRoot() + "/cmd/+", QOS);
            while (!closing && usable(c)) {
                List<DurableOutbox.Ready> batch = outbox.take(WINDOW, 500, () -> !closing && usable(c));
                if (batch.isEmpty()) {
                    outbox.flush(); // idle: make the acknowledged removals durable
                }
                for (DurableOutbox.Ready ready : batch) {
                    // A connection known to be lost is not used; what was taken goes back to its place
                    // (with its id and seq) when the next connection starts.
                    if (!usable(c)) {
                        break;
                    }
                    LOG.debug("MQTT publishing {} seq {}", ready.subtopic(), ready.seq());
                    c.publish(settings.topicRoot() + "/" + ready.subtopic(), ready.payload(), QOS, ready.retained(),
                            ready.entry(), new Acknowledged(c));
                }
            }
            if (closing && usable(c)) {
                leave(c);
            }
        } catch (MqttException e) {
            if (!closing && !sessionBroken) {
                LOG.info("MQTT publish failed: {}; reconnecting", describe(e));
            }
        } catch (IOException e) {
            LOG.error("MQTT outbox failed: {}; nothing is sent until it works again", e.getMessage());
            pause(settings.reconnectDelayMax().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connectedSince = null;
        }
    }

    /**
     * Clean shutdown: drain briefly, then publish this connection's will as the death message (the same
     * id and seq the broker would have sent, so the HIS sees no gap) and disconnect, which discards the will.
     */
    private void leave(MqttAsyncClient c) throws MqttException, InterruptedException, IOException {
        long deadline = System.nanoTime() + CLOSE_DRAIN_MILLIS * 1_000_000;
        while (outbox.size() > 0 && usable(c) && System.nanoTime() < deadline) {
            for (DurableOutbox.Ready ready : outbox.take(WINDOW, 50, () -> usable(c))) {
                c.publish(settings.topicRoot() + "/" + ready.subtopic(), ready.payload(), QOS, ready.retained(),
                        ready.entry(), new Acknowledged(c));
            }
        }
        outbox.flush();
        c.publish(connectionWill.topic(), connectionWill.payload(), QOS, false).waitForCompletion(1000);
        c.disconnect(500).waitForCompletion(1500);
        connectionWill = null;
        saveWills();
        LOG.info("MQTT disconnected from {} after publishing death", settings.brokerUrl());
    }

    /** The wills that may still be missing at the HIS, rewritten whole (temporary file, fsync, rename). */
    private void saveWills() {
        List<Rendered> wills = new ArrayList<>(endedWills);
        if (connectionWill != null) {
            wills.add(connectionWill);
        }
        if (will != null) {
            wills.add(will);
        }
        StringBuilder text = new StringBuilder();
        for (Rendered w : wills) {
            text.append(w.seq()).append(' ').append(w.topic()).append(' ')
                    .append(Base64.getEncoder().encodeToString(w.payload())).append('\n');
        }
        try {
            Path temp = willsFile.resolveSibling(WILLS_FILE + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(temp, willsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("MQTT wills not saved ({}): after a crash the HIS may see a gap in seq", e.toString());
        }
    }

    /** The wills a previous run left unsent; an unreadable line is skipped with a warning, never fatal. */
    private static List<Rendered> loadWills(Path file) {
        List<Rendered> wills = new ArrayList<>();
        if (!Files.exists(file)) {
            return wills;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 3);
                try {
                    wills.add(new Rendered(parts[1], Base64.getDecoder().decode(parts[2]), Long.parseLong(parts[0])));
                } catch (RuntimeException e) {
                    LOG.warn("MQTT wills file {}: unreadable line skipped", file);
                }
            }
        } catch (IOException e) {
            LOG.warn("MQTT wills file {} unreadable ({}): the HIS may see a gap in seq", file, e.toString());
        }
        return wills;
    }

    private Rendered render(Message message) {
        long seq;
        try {
            seq = outbox.nextSeq();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = MessageJson.encode(message, UUID.randomUUID(), seq, settings.site(), settings.gateway());
        return new Rendered(settings.topicRoot() + "/" + message.subtopic(), payload, seq);
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

        /** Paho acknowledges the message once this returns, so the inbox records it durably first. */
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String commands = settings.topicRoot() + "/cmd/";
            if (!topic.startsWith(commands) || topic.indexOf('/', commands.length()) >= 0) {
                LOG.debug("MQTT ignoring message on {}", topic);
                return;
            }
            try {
                inbox.arrived(topic.substring(commands.length()), message.getPayload());
            } catch (RuntimeException e) {
                // Thrown into Paho it would end the connection and the broker would redeliver forever.
                LOG.error("MQTT command on {} could not be handed over", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Acknowledgements are handled per message by Delivery.
        }
    }

    /** Removes a message from the outbox once the broker has acknowledged it. */
    private final class Acknowledged implements IMqttActionListener {
        private final MqttAsyncClient source;

        Acknowledged(MqttAsyncClient source) {
            this.source = source;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            outbox.delivered((DurableOutbox.Entry) token.getUserContext());
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
