package org.medcab.his;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * {@code medcab-his}: the hospital side of the medcab MQTT interface on a command line. Each
 * subcommand is its own class; add one to {@link #SUBCOMMANDS}.
 */
public final class HisClient {
    static final List<Subcommand> SUBCOMMANDS = List.of(new Watch(), new Send(), new CatalogCommand(),
            new ItemsCommand(), new ParLevelsCommand(), new PickCommand(), new PickCancelCommand(),
            new DispenseOrderCommand());

    private HisClient() {
    }

    public static void main(String[] args) {
        int status = run(List.of(args), Console.system());
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(List<String> args, Console console) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            console.out().print(help());
            return args.isEmpty() ? Exit.USAGE : Exit.OK;
        }
        Optional<Subcommand> found = SUBCOMMANDS.stream().filter(s -> s.name().equals(args.get(0))).findFirst();
        if (found.isEmpty()) {
            console.err().println("medcab-his: unknown subcommand '" + args.get(0) + "'");
            console.err().print(help());
            return Exit.USAGE;
        }
        Subcommand command = found.get();
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().print(command.usage());
            return Exit.OK;
        }
        try {
            return command.run(rest, console);
        } catch (UsageException e) {
            console.err().println("medcab-his " + command.name() + ": " + e.getMessage());
            console.err().println("medcab-his " + command.name() + " --help   shows the options");
            return Exit.USAGE;
        } catch (NoSuchFileException e) {
            console.err().println("medcab-his " + command.name() + ": no such file " + e.getFile());
            return Exit.DATA;
        } catch (IOException e) {
            console.err().println("medcab-his " + command.name() + ": " + e.getMessage());
            return Exit.DATA;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.NOT_DONE;
        } catch (Exception e) {
            console.err().println("medcab-his " + command.name() + ": " + e);
            return Exit.NOT_DONE;
        }
    }

    static String help() {
        StringBuilder s = new StringBuilder("""
                medcab-his: the hospital side of the medcab MQTT interface (watch gateways, send commands).

                usage: medcab-his <subcommand> [options]      medcab-his <subcommand> --help

                """);
        for (Subcommand c : SUBCOMMANDS) {
            s.append(String.format("  %-15s %s%n", c.name(), c.summary()));
        }
        s.append("\nBroker options (every subcommand):\n").append(BrokerOptions.USAGE);
        return s.toString();
    }
}
