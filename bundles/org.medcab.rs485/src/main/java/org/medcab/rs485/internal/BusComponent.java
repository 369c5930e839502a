package org.medcab.rs485.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured RS485 bus. Registers its {@link ReaderBus} with the property {@code bus.id}
 * itself, because that property is derived from the configuration's {@code id}.
 */
// Registered by hand (see above), so the service capability is declared by hand for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.medcab.rs485.internal.ReaderBus")
@Designate(ocd = BusComponent.Config.class, factory = true)
@Component(configurationPid = BusComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
public final class BusComponent {
    public static final String PID = "org.medcab.rs485.bus";
    /** Service property naming the bus; readers select their bus with {@code bus.target=(bus.id=...)}. */
    public static final String BUS_ID = "bus.id";

    private static final Logger LOG = LoggerFactory.getLogger(BusComponent.class);

    @ObjectClassDefinition(name = "medcab RS485 reader bus",
            description = "One RS485 bus of UHF readers on a serial port. The bus owns the port, serves the readers' requests one at a time and reopens the port when the adapter comes back after being unplugged.")
    public @interface Config {
        @AttributeDefinition(name = "Bus id", description = "Unique id of the bus, e.g. bus1; readers name it in busId and bus.target.")
        String id();

        @AttributeDefinition(name = "Serial port", description = "Device path of the serial adapter. Prefer a stable name (/dev/serial/by-id/...) so a replugged adapter comes back under the same path.")
        String port();

        @AttributeDefinition(name = "Baud rate", description = "Line speed, 8N1: 115200 (readers' default) or 38400.", options = {
                @org.osgi.service.metatype.annotations.Option(label = "115200", value = "115200"),
                @org.osgi.service.metatype.annotations.Option(label = "38400", value = "38400")})
        int baud() default BusSettings.DEFAULT_BAUD;

        @AttributeDefinition(name = "Response timeout (ms)", description = "Longest silence on the line while a reply is due (10..60000). Inventories get this plus a budget per round; flash-writing commands get 1000 ms more.")
        int responseTimeoutMillis() default BusSettings.DEFAULT_RESPONSE_TIMEOUT_MILLIS;

        @AttributeDefinition(name = "Retries", description = "Extra attempts for a request that got no answer (0..10). Inventories are never retried.")
        int retries() default BusSettings.DEFAULT_RETRIES;

        @AttributeDefinition(name = "Reopen interval (ms)", description = "Pause between attempts to reopen a lost serial port (10..600000).")
        int reopenIntervalMillis() default BusSettings.DEFAULT_REOPEN_INTERVAL_MILLIS;
    }

    private final ReaderBus bus;
    private final ServiceRegistration<ReaderBus> registration;

    @Activate
    public BusComponent(Config config, BundleContext context) {
        BusSettings settings;
        try {
            settings = new BusSettings(config.id(), config.port(), config.baud(), config.responseTimeoutMillis(),
                    config.retries(), config.reopenIntervalMillis());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected: {}", PID, e.getMessage());
            throw e;
        }
        bus = new ReaderBus(settings);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(BUS_ID, settings.id());
        registration = context.registerService(ReaderBus.class, bus, props);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters services of a stopping bundle itself
        }
        bus.close();
    }
}
