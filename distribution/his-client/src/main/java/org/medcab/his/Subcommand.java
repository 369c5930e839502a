package org.medcab.his;

import java.util.List;

/**
 * One {@code medcab-his} subcommand. To add one, implement this and list it in {@link HisClient#SUBCOMMANDS}.
 */
public interface Subcommand {
    /** The word on the command line, e.g. {@code watch}. */
    String name();

    /** One line for {@code medcab-his --help}. */
    String summary();

    /** The subcommand's own {@code --help} text: usage and options. */
    String usage();

    /**
     * Runs with the arguments after the subcommand's name.
     *
     * @return the process exit status (see {@link Exit})
     * @throws UsageException for arguments that do not make sense (exit 64, the usage is printed)
     */
    int run(List<String> args, Console console) throws Exception;
}
