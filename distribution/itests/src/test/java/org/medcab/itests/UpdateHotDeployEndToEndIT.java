package org.medcab.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.medcab.lab.ChildProcess;

/**
 * Deployment packages in the deploy folder of the assembled gateway, running as a process on a simulated
 * cabinet with a real Mosquitto: a rules package dropped there is installed while the cabinet keeps
 * publishing inventory; the gateway is killed (SIGKILL) while it installs a newer one, and at the next start
 * the interrupted install is undone and the previous version runs again; deleting the file removes the
 * package. After each step the hospital receives further inventory events.
 */
public class UpdateHotDeployEndToEndIT {
    private static final String SITE = "ward9";
    private static final String GATEWAY = "cab-update";
    private static final String PREFIX = "medcab/" + SITE + "/" + GATEWAY + "/";
    private static final String RULES = "org.medcab.feature.rules";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ProcessCabinet cabinet;
    private HospitalSubscriber hospital;
    private Path deploy;
    private Path dir;

    @Before
    public void startCabinet() throws Exception {
        dir = temp.getRoot().toPath();
        cabinet = ProcessCabinet.start(dir, SITE, GATEWAY);
        hospital = cabinet.hospital;
        deploy = cabinet.deploy;
    }

    @After
    public void stopCabinet() {
        if (cabinet != null) {
            cabinet.close();
        }
    }

    @Test
    public void packagesInTheDeployFolderInstallAndAKilledInstallIsUndoneWhileTheCabinetKeepsCounting() throws Exception {
        ChildProcess gateway = startGateway();
        assertTrue("the shipped rules package was not installed",
                gateway.awaitLine(l -> l.contains("installed " + RULES + " 0.1.0"), Duration.ofSeconds(120)));
        awaitInventoryEvent("first inventory event");

        // Hot deploy: a newer rules package dropped into deploy/.
        drop("rules-0.1.1.dp", DeploymentPackages.shippedPackageAt(RULES, "org.medcab.rules", "0.1.1", Map.of(), List.of()));
        assertTrue("0.1.1 from the deploy folder was not installed: " + gateway.recentOutput(),
                gateway.awaitLine(l -> l.contains("installed " + RULES + " 0.1.1"), Duration.ofSeconds(60)));
        awaitInventoryEvent("inventory event after the hot deploy");

        // A large 0.1.2 (with 24 MB of filler) so that the install takes a while; killed the moment it starts.
        byte[] filler = new byte[24 * 1024 * 1024];
        new SecureRandom().nextBytes(filler);
        byte[] fillerBundle = DeploymentPackages.bundle("org.medcab.itests.filler", "1.0.0", Map.of(), Map.of("filler.bin", filler));
        drop("rules-0.1.2.dp", DeploymentPackages.shippedPackageAt(RULES, "org.medcab.rules", "0.1.2", Map.of(),
                List.of(fillerBundle)));
        assertTrue("the install of 0.1.2 did not start: " + gateway.recentOutput(),
                gateway.awaitLine(l -> l.contains("installing " + RULES + " 0.1.2"), Duration.ofSeconds(60)));
        gateway.process().toHandle().destroyForcibly();
        assertTrue("the gateway survived SIGKILL", gateway.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse("the killed install completed before the kill: " + gateway.recentOutput(),
                gateway.recentOutput().contains("installed " + RULES + " 0.1.2"));
        // The operator takes the package away; the next start must put 0.1.1 back.
        Files.delete(deploy.resolve("rules-0.1.2.dp"));

        int mark = hospital.size();
        ChildProcess restarted = startGateway();
        assertTrue("the interrupted install was not undone: " + restarted.recentOutput(),
                restarted.awaitLine(l -> l.contains("recovered " + RULES + ": version 0.1.1 runs"), Duration.ofSeconds(120)));
        assertFalse(restarted.recentOutput(), restarted.recentOutput().contains("NOT STARTED"));
        hospital.await(mark, m -> m.topic().equals(PREFIX + "events/inventory"), 120, "inventory event after the recovery");

        // Deleting the file removes the package.
        Files.delete(deploy.resolve("rules-0.1.1.dp"));
        assertTrue("the package was not removed with its file: " + restarted.recentOutput(),
                restarted.awaitLine(l -> l.contains("uninstalled " + RULES + " 0.1.1"), Duration.ofSeconds(60)));
        awaitInventoryEvent("inventory event after the removal");
    }

    private ChildProcess startGateway() throws Exception {
        ChildProcess gateway = cabinet.startGateway();
        assertTrue("gateway did not start: " + gateway.recentOutput(),
                gateway.awaitLine(l -> l.contains("INFO launcher - gateway started"), Duration.ofSeconds(120)));
        return gateway;
    }

    private void awaitInventoryEvent(String what) throws Exception {
        hospital.await(hospital.size(), m -> m.topic().equals(PREFIX + "events/inventory"), 120, what);
    }

    /** Written completely beside the folder, then moved in, so FileInstall never reads half of it. */
    private void drop(String name, byte[] dp) throws Exception {
        Path tmp = dir.resolve(name + ".part");
        Files.write(tmp, dp);
        Files.move(tmp, deploy.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

}
