package org.medcab.picking.internal;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.medcab.catalog.ItemCatalog;
import org.medcab.hospital.CommandHandler;
import org.medcab.hospital.CommandReplies;
import org.medcab.hospital.HospitalUplink;
import org.medcab.inventory.InventoryListener;
import org.medcab.picking.PickListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi shell over {@link PickGuidance}: keeps the active picks in the bundle's data area,
 * registers the {@code pick} and {@code pick-cancel} command handlers and the inventory listener,
 * and binds the zone-light listeners, the uplink and the link's reply service as they come and go.
 * Runs with the defaults when no configuration exists. A better-ranked catalog (a replacement
 * catalog bundle) restarts the component on it; the active picks survive that in the store.
 *
 * <p>The handlers and the listener are registered by hand: DS gives a component one set of service
 * properties, and the two handlers need different {@code medcab.command} values.
 */
@Component(service = {}, immediate = true, configurationPid = PickingComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PickingConfig.class)
public final class PickingComponent {
    static final String PID = "org.medcab.picking";

    private static final Logger LOG = LoggerFactory.getLogger(PickingComponent.class);

    private final PickGuidance guidance;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    // Greedy binds a replacement before it unbinds the old one: that unbind must not clear the new one.
    private HospitalUplink uplink;
    private CommandReplies replies;

    @Activate
    public PickingComponent(PickingConfig config, BundleContext context,
                            @Reference(name = "catalog", policyOption = ReferencePolicyOption.GREEDY) ItemCatalog catalog)
            throws IOException {
        File file = context.getDataFile("picks.json");
        if (file == null) {
            throw new IllegalStateException("the framework gives this bundle no data area to keep active picks in");
        }
        try {
            guidance = new PickGuidance(catalog, Clock.systemDefaultZone(), file.toPath(), settings(config));
        } catch (IOException | RuntimeException e) {
            LOG.error("pick guidance not started: the pick store {} cannot be used: {}", file, e.toString());
            throw e;
        }
        registrations.add(context.registerService(InventoryListener.class, guidance,
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab pick guidance"))));
        registrations.add(context.registerService(CommandHandler.class, guidance::pick,
                FrameworkUtil.asDictionary(Map.of(CommandHandler.COMMAND, PickGuidance.PICK))));
        registrations.add(context.registerService(CommandHandler.class, guidance::cancel,
                FrameworkUtil.asDictionary(Map.of(CommandHandler.COMMAND, PickGuidance.PICK_CANCEL))));
    }

    @Modified
    void modified(PickingConfig config) {
        PickSettings settings = settings(config);
        guidance.updateSettings(settings);
        LOG.info("pick settings changed, for picks accepted from now on: {}", settings);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // Already gone with the bundle.
            }
        }
        guidance.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(PickListener listener) {
        guidance.addListener(listener);
    }

    void unbindListener(PickListener listener) {
        guidance.removeListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindUplink(HospitalUplink uplink) {
        this.uplink = uplink;
        guidance.uplink(uplink);
    }

    synchronized void unbindUplink(HospitalUplink uplink) {
        if (this.uplink == uplink) {
            this.uplink = null;
            guidance.uplink(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindReplies(CommandReplies replies) {
        this.replies = replies;
        guidance.replies(replies);
    }

    synchronized void unbindReplies(CommandReplies replies) {
        if (this.replies == replies) {
            this.replies = null;
            guidance.replies(null);
        }
    }

    static PickSettings settings(PickingConfig config) {
        try {
            return PickSettings.of(config.defaultTimeoutSeconds(), config.maxTimeoutSeconds(), config.criticalDays());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected ({}); using the defaults {}", PID, e.getMessage(), PickSettings.DEFAULTS);
            return PickSettings.DEFAULTS;
        }
    }
}
