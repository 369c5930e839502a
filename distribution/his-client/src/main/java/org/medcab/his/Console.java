package org.medcab.his;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a subcommand talks to: standard output for what it reports, standard error for diagnostics,
 * standard input ({@code --file -}) and the environment (credentials). Tests pass their own.
 */
public record Console(PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
    public static Console system() {
        return new Console(System.out, System.err, System.in, System.getenv());
    }
}
