package org.medcab.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.HospitalContract;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;

import com.google.gson.JsonObject;

/**
 * A command dispatcher on a temporary data directory, its replies caught by a recording uplink.
 * The schemas are the contract's plus the test-only {@code cmd-sample} (and {@code cmd-remote}).
 * {@link #synchronous} runs each command on the caller's thread, so a test knows it is done when
 * {@link #send} returns.
 */
final class CommandBench implements AutoCloseable {
    static final Function<String, URL> SCHEMAS = name -> {
        URL test = CommandBench.class.getResource("commands/" + name + ".json");
        return test != null && name.matches("[a-z0-9-]+") ? test : HospitalContract.schema(name);
    };

    final Path directory;
    final RecordingUplink uplink = new RecordingUplink();
    final CommandHandlers handlers = new CommandHandlers();
    final boolean synchronous;
    private final CommandSettings settings;
    private long nextServiceId = 1;
    CommandDispatcher dispatcher;
    RequestLog log;

    CommandBench(Path directory, boolean synchronous) {
        this(directory, synchronous, CommandSettings.defaults());
    }

    CommandBench(Path directory, boolean synchronous, CommandSettings settings) {
        this.directory = directory;
        this.synchronous = synchronous;
        this.settings = settings;
        open();
    }

    /** Opens the dispatcher (again, after {@link #closeDispatcher}) on the same directory and starts it. */
    void open() {
        log = RequestLog.open(directory, settings.requestRetention(), settings.requestLogLimit());
        dispatcher = new CommandDispatcher(settings, log, new CommandSchemas(SCHEMAS), handlers, uplink,
                Clock.systemUTC(), synchronous ? name -> new CallerRuns() : CommandDispatcher::worker);
        dispatcher.start();
    }

    void closeDispatcher() {
        dispatcher.close();
    }

    void register(String command, CommandHandler handler) {
        register(command, handler, 0);
    }

    void register(String command, CommandHandler handler, int ranking) {
        handlers.add(handler, Map.of(CommandHandler.COMMAND, command, "service.ranking", ranking,
                "service.id", nextServiceId++));
    }

    void send(String command, String json) {
        send(command, json.getBytes(StandardCharsets.UTF_8));
    }

    void send(String command, byte[] payload) {
        dispatcher.arrived(command, payload);
    }

    /** The next reply, waiting up to 10 s for it. */
    UplinkMessage reply() throws InterruptedException {
        UplinkMessage m = uplink.sent.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "no reply within 10 s");
        return m;
    }

    /** Every reply sent so far that has not been taken. */
    List<UplinkMessage> drain() {
        List<UplinkMessage> all = new ArrayList<>();
        uplink.sent.drainTo(all);
        return all;
    }

    /** A valid {@code cmd/sample} payload, with the fields a test may then change. */
    static JsonObject sample(String requestId) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", "medcab/cmd/sample/1");
        o.addProperty("requestId", requestId);
        o.addProperty("orderId", "order-1");
        o.addProperty("gtin", "04012345678901");
        o.addProperty("quantity", 2);
        return o;
    }

    @Override
    public void close() {
        dispatcher.close();
    }

    /** The uplink as the dispatcher sees it; can be told to refuse. */
    static final class RecordingUplink implements HospitalUplink {
        final BlockingQueue<UplinkMessage> sent = new LinkedBlockingQueue<>();
        volatile boolean refusing;

        @Override
        public void send(UplinkMessage message) throws UplinkRefusedException {
            if (refusing) {
                throw new UplinkRefusedException("test: storage full");
            }
            sent.add(message);
        }
    }

    /** Runs every command on the thread that hands it in. */
    private static final class CallerRuns extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            if (shutdown) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
