package org.medcab.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework properties a gateway starts with: {@code conf/framework.properties}, then {@code --set}
 * overrides, then the folder options. Folders given relative in the file are taken from the layout, so the
 * gateway behaves the same whatever directory it is started from; {@code ${key}} refers to another property
 * of the file (or a system property).
 */
final class FrameworkSettings {
    static final String PROPERTIES_FILE = "conf/framework.properties";
    static final String CONFIG_DIR = "medcab.config.dir";
    static final String DEPLOY_DIR = "medcab.deploy.dir";
    /** Deployment packages the layout ships, installed by the updates bundle; relative to the layout. */
    static final String PACKAGES_DIR = "medcab.packages.dir";
    static final String STORAGE = "org.osgi.framework.storage";
    static final String STORAGE_CLEAN = "org.osgi.framework.storage.clean";
    static final String FILEINSTALL_DIR = "felix.fileinstall.dir";
    static final String FILEINSTALL_TMPDIR = "felix.fileinstall.tmpdir";
    /** Felix ConfigurationAdmin's store: known to the launcher, which removes configurations whose file is gone. */
    static final String CONFIG_STORE = "felix.cm.dir";
    static final String SLF4J_PREFIX = "org.slf4j.simpleLogger.";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> properties;
    private final Path bundles;

    private FrameworkSettings(Map<String, String> properties, Path bundles) {
        this.properties = properties;
        this.bundles = bundles;
    }

    static FrameworkSettings load(LauncherOptions options) throws IOException {
        Path home = options.home();
        Path file = home.resolve(PROPERTIES_FILE);
        Properties fromFile = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fromFile.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no " + PROPERTIES_FILE + " in " + home + ": is that the gateway layout?", e);
        }
        Map<String, String> p = new LinkedHashMap<>();
        fromFile.stringPropertyNames().stream().sorted().forEach(k -> p.put(k, fromFile.getProperty(k).trim()));
        p.putAll(options.overrides());
        p.putIfAbsent(CONFIG_DIR, "config");
        p.putIfAbsent(DEPLOY_DIR, "deploy");
        p.putIfAbsent(STORAGE, "var/osgi");
        if (options.config() != null) {
            p.put(CONFIG_DIR, options.config().toString());
        }
        if (options.deploy() != null) {
            p.put(DEPLOY_DIR, options.deploy().toString());
        }
        if (options.storage() != null) {
            p.put(STORAGE, options.storage().toString());
        }
        if (options.clean()) {
            p.put(STORAGE_CLEAN, "onFirstInit");
        }
        for (String key : List.of(CONFIG_DIR, DEPLOY_DIR, STORAGE)) {
            p.put(key, home.resolve(substitute(p.get(key), p)).normalize().toString());
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            e.setValue(substitute(e.getValue(), p));
        }
        if (p.containsKey(FILEINSTALL_DIR)) {
            // FileInstall takes a comma list of folders; each one relative to the layout, like the rest.
            List<String> dirs = new ArrayList<>();
            for (String dir : p.get(FILEINSTALL_DIR).split(",")) {
                if (!dir.isBlank()) {
                    dirs.add(home.resolve(dir.trim()).normalize().toString());
                }
            }
            p.put(FILEINSTALL_DIR, String.join(",", dirs));
        }
        for (String key : List.of(FILEINSTALL_TMPDIR, CONFIG_STORE, PACKAGES_DIR)) {
            if (p.containsKey(key)) {
                p.put(key, home.resolve(p.get(key)).normalize().toString());
            }
        }
        return new FrameworkSettings(p, home.resolve("bundles"));
    }

    private static String substitute(String value, Map<String, String> p) {
        return substitute(value, p, 0);
    }

    private static String substitute(String value, Map<String, String> p, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("framework property references nest too deep (a cycle?): " + value);
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement = p.containsKey(key) ? substitute(p.get(key), p, depth + 1) : System.getProperty(key);
            if (replacement == null) {
                throw new IllegalArgumentException("framework property refers to unknown ${" + key + "}: " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every property for the framework; slf4j-simple settings are system properties instead (see below). */
    Map<String, String> frameworkProperties() {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.keySet().removeIf(k -> k.startsWith(SLF4J_PREFIX));
        return copy;
    }

    /** slf4j-simple settings from the file (log levels per logger, for example), then the console format defaults. */
    void applyLoggingSystemProperties() {
        properties.forEach((k, v) -> {
            if (k.startsWith(SLF4J_PREFIX) && System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
        ConsoleLog.SLF4J_SIMPLE_DEFAULTS.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }

    String get(String key) {
        return properties.get(key);
    }

    Path bundles() {
        return bundles;
    }

    Path storage() {
        return Path.of(properties.get(STORAGE));
    }

    Path configDir() {
        return Path.of(properties.get(CONFIG_DIR));
    }

    Path deployDir() {
        return Path.of(properties.get(DEPLOY_DIR));
    }
}
