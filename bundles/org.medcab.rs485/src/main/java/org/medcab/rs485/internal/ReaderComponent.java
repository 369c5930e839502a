package org.medcab.rs485.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.medcab.rs485.ReaderUnavailableException;
import org.medcab.rs485.RfidReader;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured reader. Registers its {@link RfidReader} with the properties {@code reader.id}
 * and {@code bus.id} itself, because they are derived from the configuration, and configures the
 * reader in the background so that activation does not wait for a reader that may be absent.
 */
// Registered by hand (see above), so the service capability is declared by hand for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.medcab.rs485.RfidReader")
@Designate(ocd = ReaderComponent.Config.class, factory = true)
@Component(configurationPid = ReaderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
public final class ReaderComponent {
    public static final String PID = "org.medcab.rs485.reader";
    public static final String READER_ID = "reader.id";

    private static final Logger LOG = LoggerFactory.getLogger(ReaderComponent.class);

    @ObjectClassDefinition(name = "medcab UHF reader",
            description = "One UHF RFID reader on an RS485 bus, and the shelf zone each of its antennas watches.")
    public @interface Config {
        @AttributeDefinition(name = "Reader id", description = "Unique id of the reader in the gateway, e.g. r1.")
        String id();

        @AttributeDefinition(name = "Bus id", description = "Id of the bus the reader hangs on, e.g. bus1 (must match bus.target).")
        String busId();

        @AttributeDefinition(name = "Address", description = "The reader's unit address on the bus, 0..254.", min = "0", max = "254")
        int address();

        @AttributeDefinition(name = "Zones", description = "Antenna ports in use and the zone each watches, as antenna=zone, e.g. 0=A1, 1=A2.")
        String[] zones();

        @AttributeDefinition(name = "Output power (dBm)", description = "RF output power on every port, 0..33 dBm; set at start and whenever the reader comes back.", min = "0", max = "33")
        int outputPowerDbm() default ReaderSettings.DEFAULT_OUTPUT_POWER_DBM;

        @AttributeDefinition(name = "Bus filter", description = "Selects the bus service, e.g. (bus.id=bus1).")
        String bus_target();
    }

    private final Rs485Reader reader;
    private final ServiceRegistration<RfidReader> registration;

    @Activate
    public ReaderComponent(Config config, BundleContext context, @Reference(name = "bus") ReaderBus bus) {
        ReaderSettings settings;
        try {
            settings = new ReaderSettings(config.id(), config.address(),
                    ReaderSettings.parseZones(config.id(), config.zones()), config.outputPowerDbm());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected: {}", PID, e.getMessage());
            throw e;
        }
        if (config.busId() != null && !config.busId().equals(bus.id())) {
            LOG.warn("reader {}: busId {} differs from the bus its bus.target selected ({}); using {}", settings.id(),
                    config.busId(), bus.id(), bus.id());
        }
        reader = new Rs485Reader(settings, bus);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(READER_ID, settings.id());
        props.put(BusComponent.BUS_ID, bus.id());
        registration = context.registerService(RfidReader.class, reader, props);
        Thread configure = new Thread(this::configureNow, "medcab-reader-" + settings.id() + "-configure");
        configure.setDaemon(true);
        configure.start();
    }

    private void configureNow() {
        try {
            reader.configure();
        } catch (ReaderUnavailableException e) {
            // Logged as "offline" by the reader; it is configured again before its next inventory.
            LOG.debug("reader {}: not configured yet: {}", reader.id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("reader {}: configuration failed", reader.id(), e);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters services of a stopping bundle itself
        }
    }
}
