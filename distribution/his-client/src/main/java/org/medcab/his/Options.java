package org.medcab.his;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options, {@code --flag} switches and positional arguments, checked against what a subcommand takes. */
public final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /**
     * @param valued option names (without {@code --}) that take a value
     * @param switches option names that take none
     */
    public static Options parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--password") || a.startsWith("--password=")) {
                throw new UsageException("passwords are not taken on the command line (the process list shows them):"
                        + " use --password-file FILE or the environment variable " + BrokerOptions.PASSWORD_ENV);
            }
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (switches.contains(name) && value == null) {
                    o.flags.add(name);
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (o.values.put(name, value) != null) {
                        throw new UsageException("--" + name + " is given twice");
                    }
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** A whole number in [min, max]; the fallback when the option is absent. */
    public long number(String name, long fallback, long min, long max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be " + min + ".." + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }
}
