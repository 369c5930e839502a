package org.medcab.mqtt.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.HospitalUplink;
import org.medcab.inventory.InventoryListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi face of {@link MqttLink}, configured by {@code org.medcab.mqtt}; registers the link as
 * an {@link InventoryListener} (whiteboard) and as the {@link HospitalUplink} service, and tells it
 * when bundles are installed, updated or uninstalled (a fresh birth announces the new versions).
 *
 * <p>The services are registered by hand, not declared as the component's service: DS would copy
 * every configuration property, the passwords included, into the service's properties, where any
 * bundle and the shell can read them.
 *
 * <p>The configuration is required: a gateway reporting under the default site and gateway ids
 * would overwrite another cabinet's retained zone snapshots. A configuration change restarts the
 * link (death, then birth with the new settings).
 */
@Component(immediate = true, configurationPid = MqttLinkComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MqttLinkConfig.class)
public final class MqttLinkComponent {
    static final String PID = "org.medcab.mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(MqttLinkComponent.class);

    private final MqttLink link;
    private final ServiceRegistration<InventoryListener> registration;
    private final ServiceRegistration<HospitalUplink> uplinkRegistration;
    private final ServiceRegistration<CommandReplies> repliesRegistration;
    private final CommandDispatcher commands;
    private final BundleContext context;
    private final BundleListener bundleWatch;
    /** The CommandHandler whiteboard, which the command dispatcher asks for each command's handler. */
    private final CommandHandlers commandHandlers = new CommandHandlers();

    @Activate
    public MqttLinkComponent(MqttLinkConfig config, BundleContext context) throws IOException {
        LinkSettings settings;
        MqttLink created = null;
        try {
            settings = settings(config);
            File dataArea = context.getDataFile("");
            if (dataArea == null) {
                throw new IllegalStateException("the framework gives this bundle no data area for the outbox");
            }
            // The dispatcher replies through the link and the link hands it commands: the inbox is bound late.
            created = new MqttLink(settings, dataArea.toPath(), () -> bundles(context), this::commandArrived);
            commands = CommandDispatcher.open(commandSettings(config), dataArea.toPath(), commandHandlers, created);
        } catch (IOException | RuntimeException e) {
            LOG.error("MQTT link not started, configuration {}: {}", PID, e.getMessage());
            if (created != null) {
                created.close(); // never started: this only closes its outbox file
            }
            throw e;
        }
        link = created;
        this.context = context;
        commands.start();
        link.start();
        // Asynchronous listener: storing the birth waits for the disk, not the framework's event delivery.
        bundleWatch = event -> {
            int type = event.getType();
            if (type == BundleEvent.INSTALLED || type == BundleEvent.UPDATED || type == BundleEvent.UNINSTALLED) {
                link.bundlesChanged();
            }
        };
        context.addBundleListener(bundleWatch);
        registration = context.registerService(InventoryListener.class, link,
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab MQTT link to the HIS")));
        uplinkRegistration = context.registerService(HospitalUplink.class, link,
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab durable uplink to the HIS")));
        repliesRegistration = context.registerService(CommandReplies.class, commands,
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab replies to earlier HIS commands")));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : List.of(repliesRegistration, uplinkRegistration, registration)) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        try {
            context.removeBundleListener(bundleWatch);
        } catch (IllegalStateException e) {
            // The bundle is stopping; its listeners go with it.
        }
        // Nothing may arrive while the dispatcher closes; what it has not answered is handled after the next start.
        link.close();
        commands.close();
    }

    /** The link's inbox; the link starts only once the dispatcher exists. */
    private void commandArrived(String command, byte[] payload) {
        commands.arrived(command, payload);
    }

    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCommandHandler(CommandHandler handler, Map<String, Object> properties) {
        commandHandlers.add(handler, properties);
    }

    void removeCommandHandler(CommandHandler handler) {
        commandHandlers.remove(handler);
    }

    static CommandSettings commandSettings(MqttLinkConfig config) {
        return new CommandSettings(config.commandMaxPayloadBytes(),
                Duration.ofDays(config.commandRequestRetentionDays()), config.commandRequestLogLimit());
    }

    static LinkSettings settings(MqttLinkConfig config) {
        return LinkSettings.builder(config.brokerUrl(), config.site(), config.gateway())
                .clientId(config.clientId())
                .credentials(config.username(), config.password())
                .trustStore(path(config.tlsTrustStore()), config.tlsTrustStorePassword())
                .keyStore(path(config.tlsKeyStore()), config.tlsKeyStorePassword())
                .tlsRequired(config.tlsRequired())
                .keepAliveSeconds(config.keepAliveSeconds())
                .topicPrefix(config.topicPrefix())
                .outboxBounds(config.outboxMaxMessages(), config.outboxMaxBytes())
                .healthInterval(Duration.ofSeconds(config.healthIntervalSeconds()))
                .build();
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static List<BundleVersion> bundles(BundleContext context) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null)
                .map(MqttLinkComponent::version)
                .sorted(Comparator.comparing(BundleVersion::name))
                .toList();
    }

    private static BundleVersion version(Bundle bundle) {
        return new BundleVersion(bundle.getSymbolicName(), Objects.toString(bundle.getVersion()));
    }
}
