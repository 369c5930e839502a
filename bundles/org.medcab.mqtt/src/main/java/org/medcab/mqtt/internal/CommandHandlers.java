package org.medcab.mqtt.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.medcab.hospital.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CommandHandler} services of the whiteboard, by their {@value CommandHandler#COMMAND}
 * property. Handlers come and go while the gateway runs; when two answer the same command the one
 * with the highest service ranking wins (the OSGi rule: then the lowest service id), with one
 * warning per command name.
 */
final class CommandHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandlers.class);
    private static final Comparator<Entry> PREFERRED =
            Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private record Entry(String command, CommandHandler handler, int ranking, long serviceId) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();

    /** A handler service arrived; its properties as DS passes them to a bind method. */
    synchronized void add(CommandHandler handler, Map<String, ?> properties) {
        Object name = properties.get(CommandHandler.COMMAND);
        if (!(name instanceof String command) || command.isBlank()) {
            LOG.error("CommandHandler service {} ignored: it has no {} property naming its command",
                    properties.get("service.id"), CommandHandler.COMMAND);
            return;
        }
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        entries.add(new Entry(command, handler, ranking instanceof Integer r ? r : 0,
                id instanceof Long l ? l : Long.MAX_VALUE));
        long competing = entries.stream().filter(e -> e.command().equals(command)).count();
        if (competing > 1 && warned.add(command)) {
            LOG.warn("{} CommandHandler services answer cmd/{}; the one with the highest service.ranking is used",
                    competing, command);
        }
        LOG.info("cmd/{} handled by {}", command, handler(command).map(h -> h.getClass().getName()).orElse("?"));
    }

    /** A handler service left (or changed its properties: DS removes, then adds). */
    synchronized void remove(CommandHandler handler) {
        entries.removeIf(e -> e.handler() == handler);
    }

    /** The handler for a command, if any is registered now. */
    synchronized Optional<CommandHandler> handler(String command) {
        return entries.stream().filter(e -> e.command().equals(command)).min(PREFERRED).map(Entry::handler);
    }
}
