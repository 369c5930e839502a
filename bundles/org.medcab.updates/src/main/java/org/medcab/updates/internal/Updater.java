package org.medcab.updates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * Installs, rolls back and removes deployment packages. The order never changes: get the file, check its
 * SHA-256 against the signed request, check the signature against the trusted keys, read its manifest;
 * only then write the journal and hand it to Deployment Admin (which installs all of it or none), run the
 * health check, and reinstall the last good version when the check fails. One change at a time.
 */
final class Updater {
    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
    /** Deployment Admin's bundle locations (Felix: {@code osgi-dp:{symbolic name}}). */
    private static final String DP_LOCATION = "osgi-dp:";

    private final BundleContext context;
    private final DeploymentAdmin deploymentAdmin;
    private final HealthCheck health;
    private final PackageStore store;
    private final ChunkTransfers transfers;
    private final TrustedKeys keys;
    private final PackageDownload download;
    private final List<String> allowedUrlPrefixes;
    private final long healthTimeoutMillis;
    private final Path staging;
    private final ReentrantLock changing = new ReentrantLock();

    Updater(BundleContext context, DeploymentAdmin deploymentAdmin, HealthCheck health, Path dataArea,
            TrustedKeys keys, List<String> allowedUrlPrefixes, long maxPackageBytes, long healthTimeoutMillis,
            int downloadTimeoutMillis) throws IOException {
        this.context = context;
        this.deploymentAdmin = deploymentAdmin;
        this.health = health;
        this.store = new PackageStore(dataArea);
        this.transfers = new ChunkTransfers(dataArea.resolve("transfers"), maxPackageBytes);
        this.staging = Files.createDirectories(dataArea.resolve("staging"));
        this.keys = keys;
        this.download = new PackageDownload(maxPackageBytes, downloadTimeoutMillis);
        this.allowedUrlPrefixes = List.copyOf(allowedUrlPrefixes);
        this.healthTimeoutMillis = healthTimeoutMillis;
    }

    ChunkTransfers transfers() {
        return transfers;
    }

    /** What cmd/deploy asks for; exactly one of url and transferId is set. */
    record Request(String name, String version, String sha256, String keyId, String signature, URI url,
                   String transferId) {
    }

    /** Why a deploy ended the way it did, in the phase it ended in. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String phase;

        Failure(String phase, String problem) {
            super(problem);
            this.phase = phase;
        }
    }

    /** Checks what can be checked before anything is fetched; the problem text names the field. */
    String refusal(Request r) throws IOException {
        if (keys.ids().isEmpty()) {
            return "/signature/keyId: this gateway trusts no signing key (configuration trustedKeys is empty)";
        }
        if (!keys.ids().contains(r.keyId())) {
            return "/signature/keyId: signing key '" + r.keyId() + "' is not trusted by this gateway";
        }
        if (r.url() != null) {
            String url = r.url().toString();
            if (!"http".equals(r.url().getScheme()) && !"https".equals(r.url().getScheme())) {
                return "/source/url: only http and https URLs are accepted";
            }
            if (allowedUrlPrefixes.stream().noneMatch(url::startsWith)) {
                return "/source/url: " + url + " is not under an allowed URL prefix of this gateway";
            }
        } else {
            ChunkTransfers.Status status = transfers.status(r.transferId());
            if (status == null) {
                return "/source/transferId: no chunk of transfer " + r.transferId() + " was received";
            }
            if (!status.complete()) {
                return "/source/transferId: transfer " + r.transferId() + " still misses chunks " + status.missing();
            }
        }
        return null;
    }

    /**
     * Carries out a deploy.
     *
     * @param progress told each phase ({@code phase}, and {@code percent} while downloading)
     * @return the final result fields
     * @throws Failure when it was refused or rolled back; the previous version runs
     */
    JsonObject deploy(Request r, Consumer<JsonObject> progress) throws Failure, InterruptedException {
        Path file = staging.resolve("incoming.dp");
        try {
            obtain(r, file, progress);
            progress.accept(phase("verify", -1));
            PackageManifest manifest = verify(r, file);
            changing.lockInterruptibly();
            try {
                return install(r, manifest, file, progress);
            } finally {
                changing.unlock();
            }
        } finally {
            deleteQuietly(file);
        }
    }

    private void obtain(Request r, Path file, Consumer<JsonObject> progress) throws Failure {
        try {
            if (r.url() != null) {
                progress.accept(phase("download", 0));
                download.fetch(r.url(), file, percent -> progress.accept(phase("download", percent)));
            } else {
                transfers.assemble(r.transferId(), file);
            }
        } catch (IOException e) {
            throw new Failure("download", e.getMessage());
        }
    }

    private PackageManifest verify(Request r, Path file) throws Failure {
        try {
            String digest = PackageDownload.sha256(file);
            if (!digest.equalsIgnoreCase(r.sha256())) {
                throw new Failure("verify", "package SHA-256 is " + digest + ", the request says " + r.sha256());
            }
            String bad = keys.check(file, r.keyId(), r.signature());
            if (bad != null) {
                throw new Failure("verify", bad);
            }
            PackageManifest manifest = PackageManifest.read(file);
            if (!manifest.name().equals(r.name()) || !manifest.version().equals(r.version())) {
                throw new Failure("verify", "the package is " + manifest.name() + " " + manifest.version()
                        + ", the request names " + r.name() + " " + r.version());
            }
            return manifest;
        } catch (IOException e) {
            throw new Failure("verify", e.getMessage());
        }
    }

    private JsonObject install(Request r, PackageManifest manifest, Path file, Consumer<JsonObject> progress)
            throws Failure, InterruptedException {
        DeploymentPackage before = deploymentAdmin.getDeploymentPackage(manifest.name());
        String previous = before == null ? null : before.getVersion().toString();
        PackageStore.Kept lastGood;
        try {
            lastGood = store.lastGood(manifest.name());
            store.beginInstall(manifest.name(), manifest.version(), previous);
        } catch (IOException e) {
            throw new Failure("install", "cannot write the update journal: " + e.getMessage());
        }
        progress.accept(phase("install", -1));
        LOG.info("installing {} {} (now {})", manifest.name(), manifest.version(), previous == null ? "absent" : previous);
        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(file)) {
            installed = deploymentAdmin.installDeploymentPackage(in);
        } catch (DeploymentException | IOException e) {
            // Deployment Admin put the previous version back itself.
            endJournal();
            LOG.warn("install of {} {} failed, {} still runs: {}", manifest.name(), manifest.version(),
                    previous == null ? "nothing" : previous, describe(e));
            throw new Failure("install", describe(e));
        }
        progress.accept(phase("health", -1));
        String unhealthy = health.await(installed, healthTimeoutMillis);
        if (unhealthy == null) {
            try {
                store.keep(manifest.name(), file, manifest.version(), r.sha256(), r.keyId(), r.signature(), "remote");
            } catch (IOException e) {
                LOG.warn("{} {} is installed but could not be kept for a later rollback: {}", manifest.name(),
                        manifest.version(), e.getMessage());
            }
            endJournal();
            LOG.info("{} {} installed and healthy", manifest.name(), manifest.version());
            JsonObject result = new JsonObject();
            result.addProperty("package", manifest.name());
            result.addProperty("version", manifest.version());
            if (previous != null) {
                result.addProperty("previousVersion", previous);
            }
            return result;
        }
        LOG.warn("{} {} is not healthy, rolling back: {}", manifest.name(), manifest.version(), unhealthy);
        progress.accept(phase("rollback", -1));
        String running = restore(manifest.name(), lastGood);
        endJournal();
        throw new Failure("health", unhealthy + "; " + (running == null ? "package removed again"
                : "rolled back to " + running));
    }

    /**
     * Puts the last good version back, or removes the package when there was none.
     *
     * @return the version now running, or null when the package is gone
     */
    private String restore(String name, PackageStore.Kept lastGood) {
        try {
            if (lastGood != null && keptIntact(lastGood)) {
                try (InputStream in = Files.newInputStream(lastGood.file())) {
                    return deploymentAdmin.installDeploymentPackage(in).getVersion().toString();
                }
            }
            DeploymentPackage dp = deploymentAdmin.getDeploymentPackage(name);
            if (dp != null) {
                try {
                    dp.uninstall();
                } catch (DeploymentException e) {
                    LOG.warn("{} could not be removed cleanly ({}); forcing it", name, describe(e));
                    dp.uninstallForced();
                }
            }
            return null;
        } catch (DeploymentException | IOException e) {
            LOG.error("rollback of {} failed: {}", name, describe(e));
            DeploymentPackage dp = deploymentAdmin.getDeploymentPackage(name);
            return dp == null ? null : dp.getVersion().toString();
        }
    }

    private boolean keptIntact(PackageStore.Kept kept) throws IOException {
        String digest = PackageDownload.sha256(kept.file());
        if (!digest.equalsIgnoreCase(kept.sha256())) {
            LOG.error("the kept copy {} is damaged (SHA-256 {}, recorded {}); not reinstalling it", kept.file(),
                    digest, kept.sha256());
            return false;
        }
        return kept.signature() == null || keys.check(kept.file(), kept.keyId(), kept.signature()) == null;
    }

    /**
     * After a crash during an install: puts the last good version back (or removes the half-installed
     * package) and removes bundles Deployment Admin installed that no package owns any more.
     *
     * @return the outcome for the HIS, or null when no install was interrupted
     */
    JsonObject recover() throws IOException {
        JsonObject journal = store.interruptedInstall();
        if (journal == null) {
            return null;
        }
        changing.lock();
        try {
            String name = journal.get("package").getAsString();
            String interrupted = journal.get("version").getAsString();
            LOG.warn("the install of {} {} was interrupted; restoring the last good version", name, interrupted);
            String running = restore(name, store.lastGood(name));
            removeOrphans();
            store.endInstall();
            LOG.info("recovered {}: {}", name, running == null ? "package removed" : "version " + running + " runs");
            JsonObject event = new JsonObject();
            event.addProperty("event", "recovered");
            event.addProperty("package", name);
            event.addProperty("version", interrupted);
            if (running != null) {
                event.addProperty("running", running);
            }
            event.addProperty("reason", "the gateway stopped during the install of " + interrupted);
            return event;
        } finally {
            changing.unlock();
        }
    }

    private void removeOrphans() {
        List<String> owned = new ArrayList<>();
        for (DeploymentPackage dp : deploymentAdmin.listDeploymentPackages()) {
            for (var info : dp.getBundleInfos()) {
                owned.add(DP_LOCATION + info.getSymbolicName());
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(DP_LOCATION) && !owned.contains(b.getLocation())) {
                try {
                    b.uninstall();
                    LOG.info("removed {} {}: left behind by the interrupted install", b.getSymbolicName(), b.getVersion());
                } catch (BundleException e) {
                    LOG.warn("cannot remove {}: {}", b.getLocation(), e.getMessage());
                }
            }
        }
    }

    /**
     * Installs the packages the gateway layout ships ({@code packages/}, framework property
     * {@value UpdatesComponent#PACKAGES_DIR}) that are not installed yet, each file once: a package IT updated
     * remotely to a newer version, or removed, is left as it is; a newer file in a new layout is installed.
     */
    void installShipped(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            LOG.warn("shipped packages folder {} does not exist", dir);
            return;
        }
        Path record = store.dataArea().resolve("shipped.properties");
        java.util.Properties seen = new java.util.Properties();
        if (Files.exists(record)) {
            try (var in = Files.newBufferedReader(record)) {
                seen.load(in);
            }
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".dp")).sorted().toList();
        }
        for (Path file : files) {
            String digest = PackageDownload.sha256(file);
            if (digest.equals(seen.getProperty(file.getFileName().toString()))) {
                continue;
            }
            try {
                PackageManifest manifest = PackageManifest.read(file);
                DeploymentPackage now = deploymentAdmin.getDeploymentPackage(manifest.name());
                if (now != null && now.getVersion().compareTo(org.osgi.framework.Version.parseVersion(manifest.version())) >= 0) {
                    LOG.info("{} {} is installed; the shipped {} is not newer", manifest.name(), now.getVersion(),
                            manifest.version());
                } else {
                    installLocal(file, "shipped");
                }
                seen.setProperty(file.getFileName().toString(), digest);
            } catch (IOException | DeploymentException e) {
                LOG.error("cannot install the shipped package {}: {}", file, describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        var out = new java.io.StringWriter();
        seen.store(out, "shipped package files installed once, by SHA-256");
        ChunkTransfers.write(record, out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A package dropped into the deploy folder (or shipped with the layout): trusted like a bundle dropped
     * there, so no signature is asked for; journaled, health-checked and rolled back like a remote one.
     *
     * @throws DeploymentException when Deployment Admin refused it or it was rolled back for its health
     */
    String installLocal(Path file, String source) throws IOException, DeploymentException, InterruptedException {
        PackageManifest manifest = PackageManifest.read(file);
        changing.lockInterruptibly();
        try {
            DeploymentPackage before = deploymentAdmin.getDeploymentPackage(manifest.name());
            PackageStore.Kept lastGood = store.lastGood(manifest.name());
            store.beginInstall(manifest.name(), manifest.version(), before == null ? null : before.getVersion().toString());
            LOG.info("installing {} {} from {}", manifest.name(), manifest.version(), file);
            DeploymentPackage dp;
            try (InputStream in = Files.newInputStream(file)) {
                dp = deploymentAdmin.installDeploymentPackage(in);
            } catch (DeploymentException | IOException e) {
                endJournal();
                throw e;
            }
            String unhealthy = health.await(dp, healthTimeoutMillis);
            if (unhealthy != null) {
                String running = restore(manifest.name(), lastGood);
                endJournal();
                throw new DeploymentException(DeploymentException.CODE_OTHER_ERROR, manifest.name() + " "
                        + manifest.version() + " is not healthy (" + unhealthy + "); "
                        + (running == null ? "removed again" : "rolled back to " + running));
            }
            store.keep(manifest.name(), file, manifest.version(), PackageDownload.sha256(file), null, null, source);
            endJournal();
            LOG.info("installed {} {} from {}", dp.getName(), dp.getVersion(), file);
            return dp.getName();
        } finally {
            changing.unlock();
        }
    }

    /** @return false when no such package is installed */
    boolean uninstall(String name) throws DeploymentException, IOException {
        changing.lock();
        try {
            DeploymentPackage dp = deploymentAdmin.getDeploymentPackage(name);
            if (dp == null) {
                return false;
            }
            dp.uninstall();
            store.forget(name);
            LOG.info("uninstalled {} {}", name, dp.getVersion());
            return true;
        } finally {
            changing.unlock();
        }
    }

    List<DeploymentPackage> installed() {
        List<DeploymentPackage> list = new ArrayList<>();
        for (DeploymentPackage dp : deploymentAdmin.listDeploymentPackages()) {
            // Felix lists the empty "system" package of bundles it does not manage.
            if (dp.getBundleInfos().length > 0 || !"System".equals(dp.getName())) {
                list.add(dp);
            }
        }
        return list;
    }

    List<String> healthProblems(DeploymentPackage dp) {
        return health.problems(dp);
    }

    private void endJournal() {
        try {
            store.endInstall();
        } catch (IOException e) {
            LOG.error("cannot clear the update journal; the next start will restore the last good version: {}",
                    e.getMessage());
        }
    }

    static JsonObject phase(String phase, int percent) {
        JsonObject p = new JsonObject();
        p.addProperty("phase", phase);
        if (percent >= 0) {
            p.addProperty("percent", percent);
        }
        return p;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof DeploymentException d && d.getCause() != null && d.getCause().getMessage() != null) {
            message += ": " + d.getCause().getMessage();
        }
        return message;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
