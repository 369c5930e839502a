package org.medcab.his;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;

/**
 * A subcommand that sends one command (or one per batch) to one gateway and prints the replies.
 * Subclasses build the payloads; this handles the broker, the envelope, the waiting and the exit status.
 */
abstract class CommandSubcommand implements Subcommand {
    static final String COMMON_USAGE = """
              --gateway G             the gateway (cabinet) to send to (required)
              --timeout S             seconds to wait for the final reply [30]
              --request-id ID         the request id [his-<random UUID>]; resending one is answered, not applied twice
              --correlation-id C      carried back in every reply [the request id]
              --json                  print the replies as received
            Exit status: 0 ok, 1 partial, 2 rejected/failed/cancelled/timed-out or no reply in time,
            64 bad arguments, 65 bad input (nothing sent), 69 broker unreachable.
            """ + BrokerOptions.USAGE;

    /** The command's own options; the common ones are added. */
    abstract Set<String> valued();

    Set<String> switches() {
        return Set.of();
    }

    /** The command name for these options ({@code cmd/<name>}): the subcommand's, which takes no arguments. */
    String command(Options o) throws UsageException {
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + o.positional().get(0));
        }
        return name();
    }

    /**
     * The payloads to send, one command each, in order: the command's own fields (the envelope is added).
     *
     * @throws InputException for bad input; nothing is sent then
     */
    abstract List<JsonObject> payloads(Options o, Console console) throws UsageException, InputException, IOException;

    /** How long to wait by default for these options. */
    Duration defaultTimeout(Options o) throws UsageException {
        return Duration.ofSeconds(30);
    }

    @Override
    public final int run(List<String> args, Console console) throws Exception {
        Set<String> valued = Watch.with(BrokerOptions.VALUED, "gateway", "timeout", "request-id", "correlation-id");
        Set<String> all = new HashSet<>(valued);
        all.addAll(valued());
        Set<String> switches = new HashSet<>(switches());
        switches.add("json");
        Options o = Options.parse(args, all, switches);
        BrokerOptions broker = BrokerOptions.from(o, console);
        String gateway = BrokerOptions.level("gateway", o.required("gateway"));
        String command = command(o);
        Duration timeout = Duration.ofSeconds(o.number("timeout", defaultTimeout(o).toSeconds(), 1, 86_400));
        List<JsonObject> payloads;
        try {
            payloads = payloads(o, console);
        } catch (InputException e) {
            console.err().println(e.getMessage());
            console.err().println("nothing was sent");
            return Exit.DATA;
        }
        if (payloads.size() > 1 && (o.value("request-id").isPresent() || o.value("correlation-id").isPresent())) {
            throw new UsageException("--request-id and --correlation-id name one request; this input makes "
                    + payloads.size() + " (one per batch)");
        }
        // Every envelope is checked before the first is sent.
        List<JsonObject> wrapped = new ArrayList<>();
        for (JsonObject p : payloads) {
            wrapped.add(CommandSender.envelope(command, p, o.value("request-id").orElse(null),
                    o.value("correlation-id").orElse(null)));
        }
        int worst = Exit.OK;
        try (CommandSender sender = CommandSender.open(broker, gateway, console, o.flag("json"))) {
            for (int i = 0; i < wrapped.size(); i++) {
                if (wrapped.size() > 1) {
                    console.err().println("batch " + (i + 1) + " of " + wrapped.size());
                }
                int status = sender.send(command, wrapped.get(i), timeout);
                worst = Math.max(worst, status);
                if (status == Exit.NOT_DONE && i + 1 < wrapped.size()) {
                    console.err().println("stopped: batches " + (i + 2) + ".." + wrapped.size() + " were not sent");
                    break;
                }
            }
        } catch (IOException e) {
            console.err().println("medcab-his " + name() + ": " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        return worst;
    }
}
