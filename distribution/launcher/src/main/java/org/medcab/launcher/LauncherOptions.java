package org.medcab.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line of {@code bin/medcab}. Directory options given relative are taken from the caller's working
 * directory, like any command; the layout's own defaults are taken from the layout ({@code home}).
 *
 * @param home      the gateway layout: {@code conf/}, {@code bundles/}, default {@code config/} and {@code deploy/}
 * @param config    configuration folder FileInstall watches ({@code .config}/{@code .cfg}), or null for the default
 * @param deploy    hot-deploy folder FileInstall watches (bundles), or null for the default
 * @param storage   framework storage (installed bundles, persisted configuration, bundle data), or null for the default
 * @param clean     wipe the storage before starting
 * @param overrides framework properties given with {@code --set key=value}, over conf/framework.properties
 * @param help      print usage and exit
 */
record LauncherOptions(Path home, Path config, Path deploy, Path storage, boolean clean,
        Map<String, String> overrides, boolean help) {

    static final String USAGE = """
            usage: medcab [--config DIR] [--deploy DIR] [--storage DIR] [--clean] [--set KEY=VALUE]... [--home DIR]
              --config DIR     configuration files to watch (.config / .cfg); default HOME/config
              --deploy DIR     bundles to hot-deploy; default HOME/deploy
              --storage DIR    framework storage, kept across restarts; default HOME/var/osgi
              --clean          start from empty storage (installed bundles and configuration are rebuilt)
              --set KEY=VALUE  framework property, over HOME/conf/framework.properties (repeatable)
              --home DIR       the gateway layout; default: the folder above bin/ (system property medcab.home)
            Runs until stopped (Ctrl-C or SIGTERM stop every bundle cleanly first).""";

    static LauncherOptions parse(String[] args, Path defaultHome, Path workingDir) {
        Path home = defaultHome;
        Path config = null;
        Path deploy = null;
        Path storage = null;
        boolean clean = false;
        boolean help = false;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--home" -> home = workingDir.resolve(value(args, ++i, arg)).normalize();
                case "--config" -> config = workingDir.resolve(value(args, ++i, arg)).normalize();
                case "--deploy" -> deploy = workingDir.resolve(value(args, ++i, arg)).normalize();
                case "--storage" -> storage = workingDir.resolve(value(args, ++i, arg)).normalize();
                case "--clean" -> clean = true;
                case "--set" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + pair + "'");
                    }
                    overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("the gateway layout is unknown: give --home DIR or -Dmedcab.home=DIR");
        }
        return new LauncherOptions(home.toAbsolutePath().normalize(), config, deploy, storage, clean,
                Map.copyOf(overrides), help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
