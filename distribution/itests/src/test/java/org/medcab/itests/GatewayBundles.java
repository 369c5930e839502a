package org.medcab.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The bundle set the assembled gateway ships (its {@code bundles/} folder), as Pax Exam options, so
 * the tests inside the framework run exactly what a cabinet runs, not a hand-picked list.
 */
final class GatewayBundles {
    private GatewayBundles() {
    }

    static Path layout() {
        String dir = System.getProperty("medcab.layout");
        if (dir == null) {
            throw new IllegalStateException("system property medcab.layout (the assembled gateway folder) is not set");
        }
        return Path.of(dir);
    }

    /**
     * Every jar of the layout's bundles/ folder and the bundles of its shipped deployment packages (packages/,
     * which a running gateway installs through Deployment Admin), plus the simulator bundle when asked for.
     */
    static Option[] options(boolean withSimulator) {
        return options(withSimulator, true);
    }

    /**
     * @param shippedPackagesAsBundles whether the bundles inside packages/*.dp are installed as plain bundles;
     *                                 false for a test that installs those packages through Deployment Admin
     */
    static Option[] options(boolean withSimulator, boolean shippedPackagesAsBundles) {
        List<Option> options = new ArrayList<>();
        List<Path> bundles = new ArrayList<>(jars(layout().resolve("bundles")));
        if (shippedPackagesAsBundles) {
            bundles.addAll(shippedPackageBundles());
        }
        for (Path jar : bundles) {
            // Pax Exam brings pax-logging, which provides org.slf4j: two providers of org.slf4j would split the class space.
            if (!jar.getFileName().toString().startsWith("slf4j-")) {
                options.add(bundle(jar.toUri().toString()));
            }
        }
        if (withSimulator) {
            for (Path jar : jars(layout().resolve("lib/simulator"))) {
                if (jar.getFileName().toString().startsWith("org.medcab.simulator")) {
                    options.add(bundle(jar.toUri().toString()));
                }
            }
        }
        options.add(junitBundles());
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        return options.toArray(Option[]::new);
    }

    /** The lab bench bundle (pty pairs), which tests inside the framework use; it ships in the demo's libraries. */
    static Path labBundle() {
        return jars(layout().resolve("lib/demo")).stream()
                .filter(p -> p.getFileName().toString().startsWith("org.medcab.lab"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no org.medcab.lab jar in lib/demo"));
    }

    /** The bundles inside the layout's packages/*.dp, unpacked into a temporary folder. */
    private static List<Path> shippedPackageBundles() {
        List<Path> out = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("medcab-shipped-");
            try (Stream<Path> files = Files.list(layout().resolve("packages"))) {
                for (Path dp : files.filter(p -> p.toString().endsWith(".dp")).sorted().toList()) {
                    try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
                        for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                            if (e.getName().endsWith(".jar") && !e.getName().contains("/")) {
                                Path jar = dir.resolve(e.getName());
                                Files.copy(in, jar);
                                out.add(jar);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the layout's packages/ (was the gateway layout built?)", e);
        }
        return out;
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (was the gateway layout built?)", e);
        }
    }
}
