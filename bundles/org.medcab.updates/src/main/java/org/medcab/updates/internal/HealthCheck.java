package org.medcab.updates.internal;

import java.util.ArrayList;
import java.util.List;

import org.medcab.updates.FeatureHealth;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Whether an installed package works: each of its bundles active (fragments resolved), each enabled
 * component of them satisfied or active (a component without the configuration it requires is not
 * counted: it waits for its configuration, as it did before the update), and each of the package's
 * {@link FeatureHealth} probes green. Polled until green or the timeout ends.
 */
final class HealthCheck {
    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    HealthCheck(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** @return null when the package is healthy within the timeout, otherwise what was still wrong at its end */
    String await(DeploymentPackage dp, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            List<String> problems = problems(dp);
            if (problems.isEmpty()) {
                return null;
            }
            // A failed activation does not heal by waiting.
            if (System.nanoTime() > deadline || problems.stream().anyMatch(p -> p.contains("failed to activate"))) {
                return String.join("; ", problems);
            }
            Thread.sleep(200);
        }
    }

    List<String> problems(DeploymentPackage dp) {
        List<String> problems = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            Bundle b = dp.getBundle(info.getSymbolicName());
            if (b == null) {
                problems.add("bundle " + info.getSymbolicName() + " is not installed");
                continue;
            }
            bundles.add(b);
            BundleRevision revision = b.adapt(BundleRevision.class);
            boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (fragment ? b.getState() == Bundle.INSTALLED : b.getState() != Bundle.ACTIVE) {
                problems.add("bundle " + b.getSymbolicName() + " " + b.getVersion() + " is "
                        + (b.getState() == Bundle.INSTALLED ? "not resolved" : "not active"));
            }
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles.toArray(Bundle[]::new))) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                switch (c.state) {
                    case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> { }
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> problems.add("component " + description.name
                            + " failed to activate: " + cause(c.failure));
                    default -> problems.add("component " + description.name + " is unsatisfied"
                            + unsatisfied(c));
                }
            }
        }
        try {
            for (ServiceReference<FeatureHealth> ref : context.getServiceReferences(FeatureHealth.class,
                    "(" + FeatureHealth.FEATURE + "=" + dp.getName() + ")")) {
                FeatureHealth probe = context.getService(ref);
                if (probe == null) {
                    continue;
                }
                try {
                    if (!probe.healthy()) {
                        problems.add("health probe of " + dp.getName() + ": " + probe.reason());
                    }
                } catch (RuntimeException e) {
                    problems.add("health probe of " + dp.getName() + " threw " + e);
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("package name " + dp.getName() + " makes a bad filter", e);
        }
        return problems;
    }

    /** SCR gives a whole stack trace; the deepest "Caused by" says what went wrong. */
    static String cause(String failure) {
        if (failure == null) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse(failure);
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
    }

    private static String unsatisfied(ComponentConfigurationDTO c) {
        if (c.unsatisfiedReferences == null || c.unsatisfiedReferences.length == 0) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (var r : c.unsatisfiedReferences) {
            names.add(r.name);
        }
        return " (missing " + String.join(", ", names) + ")";
    }
}
