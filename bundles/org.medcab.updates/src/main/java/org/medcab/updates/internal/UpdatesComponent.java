package org.medcab.updates.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandRejectedException;
import org.medcab.hospital.CommandReply;
import org.medcab.hospital.CommandRequest;
import org.medcab.hospital.Delivery;
import org.medcab.hospital.HospitalUplink;
import org.medcab.hospital.ReplyStatus;
import org.medcab.hospital.UplinkMessage;
import org.medcab.hospital.UplinkRefusedException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The updater as the hospital sees it: handlers for {@code cmd/deploy}, {@code deploy-chunk},
 * {@code deploy-status}, {@code deploy-list} and {@code uninstall}, the {@code events/update} message after a
 * crash recovery, and the deploy folder's {@code .dp} hook. Deploys run one at a time on their own thread;
 * the command thread only checks the request and answers {@code accepted}.
 */
@Component(immediate = true, configurationPid = UpdatesComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = UpdatesConfig.class)
public final class UpdatesComponent {
    static final String PID = "org.medcab.updates";
    /** Framework property: the folder of deployment packages the gateway layout ships, installed at start. */
    static final String PACKAGES_DIR = "medcab.packages.dir";
    static final String EVENT_SCHEMA = "medcab/update-event/1";
    static final String EVENT_SUBTOPIC = "events/update";
    private static final Logger LOG = LoggerFactory.getLogger(UpdatesComponent.class);

    private final Updater updater;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "medcab-updates"));
    private final AtomicReference<String> deploying = new AtomicReference<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<JsonObject> unsentEvents = new ArrayList<>();
    private volatile HospitalUplink uplink;

    @Activate
    public UpdatesComponent(UpdatesConfig config, BundleContext context, @Reference DeploymentAdmin deploymentAdmin,
                            @Reference ServiceComponentRuntime scr) throws IOException {
        TrustedKeys keys = TrustedKeys.parse(config.trustedKeys());
        Path data = context.getDataFile("").toPath();
        updater = new Updater(context, deploymentAdmin, new HealthCheck(context, scr), data, keys,
                Arrays.asList(config.allowedUrlPrefixes()), config.maxPackageBytes(),
                config.healthTimeoutSeconds() * 1000L, config.downloadTimeoutSeconds() * 1000);
        LOG.info("updates ready: {} trusted key(s) {}, URL prefixes {}, health timeout {} s", keys.ids().size(),
                keys.ids(), Arrays.toString(config.allowedUrlPrefixes()), config.healthTimeoutSeconds());
        if (keys.ids().isEmpty()) {
            LOG.warn("no trusted key configured (org.medcab.updates trustedKeys): every remote update is refused");
        }
        register(context, "deploy", this::deploy);
        register(context, "deploy-chunk", this::chunk);
        register(context, "deploy-status", this::status);
        register(context, "deploy-list", r -> CommandReply.ok(list()));
        register(context, "uninstall", this::uninstall);
        if (fileInstallPresent()) {
            registrations.add(context.registerService("org.apache.felix.fileinstall.ArtifactInstaller",
                    new DeployFolderPackages(updater, data.resolve("deploy-folder.properties")), null));
        }
        worker.execute(this::recover);
        String shipped = context.getProperty(PACKAGES_DIR);
        if (shipped != null) {
            worker.execute(() -> {
                try {
                    updater.installShipped(Path.of(shipped));
                } catch (IOException | RuntimeException e) {
                    LOG.error("cannot install the shipped packages of {}: {}", shipped, e.getMessage(), e);
                }
            });
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindUplink")
    void bindUplink(HospitalUplink uplink) {
        this.uplink = uplink;
        worker.execute(this::sendEvents);
    }

    void unbindUplink(HospitalUplink uplink) {
        if (this.uplink == uplink) {
            this.uplink = null;
        }
    }

    private void register(BundleContext context, String command, CommandHandler handler) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CommandHandler.COMMAND, command);
        registrations.add(context.registerService(CommandHandler.class, handler, props));
    }

    private static boolean fileInstallPresent() {
        try {
            Class.forName("org.apache.felix.fileinstall.ArtifactInstaller", false, UpdatesComponent.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("no FileInstall: .dp files in a deploy folder are not watched; remote updates work");
            return false;
        }
    }

    private CommandReply deploy(CommandRequest request) throws CommandRejectedException {
        JsonObject p = request.payload();
        JsonObject source = p.getAsJsonObject("source");
        JsonObject signature = p.getAsJsonObject("signature");
        URI url = null;
        if (source.has("url")) {
            try {
                url = new URI(source.get("url").getAsString());
            } catch (URISyntaxException e) {
                throw new CommandRejectedException("/source/url", "not a URL: " + e.getMessage());
            }
        }
        Updater.Request r = new Updater.Request(p.get("package").getAsString(), p.get("version").getAsString(),
                p.get("sha256").getAsString(), signature.get("keyId").getAsString(),
                signature.get("value").getAsString(), url, source.has("transferId") ? source.get("transferId").getAsString() : null);
        String refusal;
        try {
            refusal = updater.refusal(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandRejectedException("/source", e.getMessage());
        }
        if (refusal != null) {
            int colon = refusal.indexOf(": ");
            LOG.warn("deploy {} {} refused: {}", r.name(), r.version(), refusal);
            throw new CommandRejectedException(refusal.substring(0, colon), refusal.substring(colon + 2));
        }
        String what = r.name() + " " + r.version();
        if (!deploying.compareAndSet(null, what)) {
            throw new CommandRejectedException("", "an update is in progress (" + deploying.get() + "); send it again later");
        }
        LOG.info("deploy {} accepted (request {})", what, request.requestId());
        worker.execute(() -> runDeploy(r, request));
        JsonObject accepted = Updater.phase("accepted", -1);
        accepted.addProperty("package", r.name());
        accepted.addProperty("version", r.version());
        return CommandReply.of(ReplyStatus.ACCEPTED, accepted);
    }

    private void runDeploy(Updater.Request r, CommandRequest request) {
        try {
            JsonObject done = updater.deploy(r, step -> {
                step.addProperty("package", r.name());
                step.addProperty("version", r.version());
                request.followUp(CommandReply.of(ReplyStatus.PROGRESS, step));
            });
            done.addProperty("phase", "done");
            request.followUp(CommandReply.ok(done));
            if (r.transferId() != null) {
                updater.transfers().delete(r.transferId());
            }
        } catch (Updater.Failure f) {
            LOG.warn("deploy {} {} failed in {}: {}", r.name(), r.version(), f.phase, f.getMessage());
            JsonObject failed = Updater.phase(f.phase, -1);
            failed.addProperty("package", r.name());
            failed.addProperty("version", r.version());
            failed.addProperty("problem", f.getMessage());
            DeploymentPackage running = installed(r.name());
            if (running != null) {
                failed.addProperty("running", running.getVersion().toString());
            }
            request.followUp(CommandReply.of(ReplyStatus.FAILED, failed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("deploy {} {} ended unexpectedly", r.name(), r.version(), e);
            JsonObject failed = Updater.phase("install", -1);
            failed.addProperty("package", r.name());
            failed.addProperty("version", r.version());
            failed.addProperty("problem", String.valueOf(e.getMessage()));
            request.followUp(CommandReply.of(ReplyStatus.FAILED, failed));
        } finally {
            deploying.set(null);
        }
    }

    private CommandReply chunk(CommandRequest request) throws CommandRejectedException {
        JsonObject p = request.payload();
        String transferId = p.get("transferId").getAsString();
        byte[] data;
        try {
            data = Base64.getDecoder().decode(p.get("data").getAsString());
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException("/data", "not Base64: " + e.getMessage());
        }
        try {
            ChunkTransfers.Status s = updater.transfers().put(transferId, p.get("index").getAsInt(),
                    p.get("total").getAsInt(), p.get("sha256").getAsString(), data);
            return CommandReply.ok(status(s));
        } catch (ChunkTransfers.BadChunk e) {
            LOG.warn("chunk {} of transfer {} refused: {}", p.get("index"), transferId, e.getMessage());
            throw new CommandRejectedException(e.field, e.getMessage());
        } catch (IOException e) {
            LOG.error("cannot store chunk of transfer {}: {}", transferId, e.getMessage());
            JsonObject failed = new JsonObject();
            failed.addProperty("transferId", transferId);
            failed.addProperty("problem", "cannot store the chunk: " + e.getMessage());
            return CommandReply.of(ReplyStatus.FAILED, failed);
        }
    }

    private CommandReply status(CommandRequest request) throws CommandRejectedException {
        String transferId = request.payload().get("transferId").getAsString();
        try {
            ChunkTransfers.Status s = updater.transfers().status(transferId);
            if (s == null) {
                throw new CommandRejectedException("/transferId", "no chunk of transfer " + transferId + " was received");
            }
            return CommandReply.ok(status(s));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandRejectedException("/transferId", e.getMessage());
        }
    }

    private static JsonObject status(ChunkTransfers.Status s) {
        JsonObject o = new JsonObject();
        o.addProperty("transferId", s.transferId());
        o.addProperty("total", s.total());
        o.addProperty("bytes", s.bytes());
        JsonArray missing = new JsonArray();
        // The first thousand are enough to resume with; ask again after sending them.
        s.missing().stream().limit(1000).forEach(missing::add);
        o.add("missing", missing);
        o.addProperty("complete", s.complete());
        return o;
    }

    JsonObject list() {
        JsonArray packages = new JsonArray();
        for (DeploymentPackage dp : updater.installed()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", dp.getName());
            o.addProperty("version", dp.getVersion().toString());
            JsonArray bundles = new JsonArray();
            for (BundleInfo b : dp.getBundleInfos()) {
                JsonObject bo = new JsonObject();
                bo.addProperty("symbolicName", b.getSymbolicName());
                bo.addProperty("version", b.getVersion().toString());
                bundles.add(bo);
            }
            o.add("bundles", bundles);
            List<String> problems = updater.healthProblems(dp);
            o.addProperty("healthy", problems.isEmpty());
            if (!problems.isEmpty()) {
                o.addProperty("problem", String.join("; ", problems));
            }
            packages.add(o);
        }
        JsonObject result = new JsonObject();
        result.add("packages", packages);
        return result;
    }

    private CommandReply uninstall(CommandRequest request) throws CommandRejectedException {
        String name = request.payload().get("package").getAsString();
        if (deploying.get() != null) {
            throw new CommandRejectedException("", "an update is in progress (" + deploying.get() + ")");
        }
        DeploymentPackage dp = installed(name);
        if (dp == null) {
            throw new CommandRejectedException("/package", name + " is not installed");
        }
        String version = dp.getVersion().toString();
        JsonObject result = new JsonObject();
        result.addProperty("package", name);
        result.addProperty("version", version);
        try {
            updater.uninstall(name);
            return CommandReply.ok(result);
        } catch (DeploymentException | IOException e) {
            LOG.error("uninstall of {} failed: {}", name, e.getMessage());
            result.addProperty("problem", e.getMessage());
            return CommandReply.of(ReplyStatus.FAILED, result);
        }
    }

    private DeploymentPackage installed(String name) {
        return updater.installed().stream().filter(dp -> dp.getName().equals(name)).findFirst().orElse(null);
    }

    private void recover() {
        try {
            JsonObject event = updater.recover();
            if (event != null) {
                synchronized (unsentEvents) {
                    unsentEvents.add(event);
                }
                sendEvents();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("recovery of an interrupted update failed: {}", e.getMessage(), e);
        }
    }

    /** Events wait here until the link is there: the outbox then keeps them durably. */
    private void sendEvents() {
        HospitalUplink link = uplink;
        if (link == null) {
            return;
        }
        synchronized (unsentEvents) {
            while (!unsentEvents.isEmpty()) {
                try {
                    link.send(new UplinkMessage(EVENT_SCHEMA, EVENT_SUBTOPIC, Instant.now(), unsentEvents.get(0),
                            Delivery.RECORD, false));
                    unsentEvents.remove(0);
                } catch (UplinkRefusedException | RuntimeException e) {
                    LOG.warn("update event not sent yet: {}", e.getMessage());
                    return;
                }
            }
        }
    }
}
