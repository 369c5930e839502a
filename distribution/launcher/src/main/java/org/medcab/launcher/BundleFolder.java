package org.medcab.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Makes the framework's installed bundles match the jars of the layout's {@code bundles/} folder: installs new
 * jars, updates changed ones, uninstalls those whose jar is gone. The storage is kept across restarts (bundle
 * data such as the MQTT sequence number lives there), so a jar replaced by an upgrade must be noticed by its
 * content: the SHA-256 of each jar installed is recorded in the storage.
 */
final class BundleFolder {
    static final String RECORD = "medcab-bundles.properties";

    private final Path folder;
    private final Path record;
    private final ConsoleLog log;

    BundleFolder(Path folder, Path storage, ConsoleLog log) {
        this.folder = folder.toAbsolutePath().normalize();
        this.record = storage.resolve(RECORD);
        this.log = log;
    }

    /**
     * Installs, updates and uninstalls so that the framework holds exactly this folder's jars.
     *
     * @return the bundles of the folder, in file name order
     */
    List<Bundle> synchronize(BundleContext context) throws IOException {
        Properties installed = readRecord();
        Properties now = new Properties();
        List<Path> jars = jars();
        List<String> locations = jars.stream().map(BundleFolder::location).toList();
        boolean refresh = false;

        for (Bundle b : context.getBundles()) {
            if (isOurs(b.getLocation()) && !locations.contains(b.getLocation())) {
                try {
                    b.uninstall();
                    log.info("uninstalled " + b.getSymbolicName() + " " + b.getVersion() + ": its jar left "
                            + folder);
                    refresh = true;
                } catch (BundleException e) {
                    log.error("cannot uninstall " + b.getLocation() + ": " + e.getMessage(), null);
                }
            }
        }

        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            String location = location(jar);
            Bundle existing = context.getBundle(location);
            try (InputStream in = Files.newInputStream(jar)) {
                String digest = sha256(jar);
                if (existing == null) {
                    bundles.add(context.installBundle(location, in));
                } else if (!digest.equals(installed.getProperty(location))) {
                    existing.update(in);
                    log.info("updated " + existing.getSymbolicName() + " to " + existing.getVersion() + " from "
                            + jar.getFileName());
                    bundles.add(existing);
                    refresh = true;
                } else {
                    bundles.add(existing);
                }
                now.setProperty(location, digest);
            } catch (BundleException | IOException e) {
                log.error("cannot install " + jar.getFileName() + ": " + e.getMessage(), null);
            }
        }
        if (refresh) {
            refresh(context);
        }
        writeRecord(now);
        return bundles;
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private boolean isOurs(String location) {
        return location.startsWith(folder.toUri().toString());
    }

    private static String location(Path jar) {
        return jar.toAbsolutePath().normalize().toUri().toString();
    }

    private List<Path> jars() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("bundle folder " + folder + " does not exist");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    /** Waits for the refresh so that bundles start on their new revisions, not on the replaced ones. */
    private void refresh(BundleContext context) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                log.warn("refreshing the updated bundles takes more than 30 s; starting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties readRecord() throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(record)) {
            try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private void writeRecord(Properties p) throws IOException {
        Files.createDirectories(record.getParent());
        Path tmp = record.resolveSibling(RECORD + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "SHA-256 of each jar installed from " + folder + " (written by the medcab launcher)");
        }
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
