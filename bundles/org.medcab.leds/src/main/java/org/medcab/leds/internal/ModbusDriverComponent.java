package org.medcab.leds.internal;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Modbus RTU LED/relay board, one factory configuration per board; registers its driver itself (see {@link DriverRegistration}). */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.medcab.leds.LightDriver")
@Component(immediate = true, configurationPid = ModbusDriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ModbusDriverComponent.Config.class, factory = true)
public final class ModbusDriverComponent {
    static final String PID = "org.medcab.leds.modbus";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriverComponent.class);

    @ObjectClassDefinition(name = "medcab zone lights: Modbus RTU relay board",
            description = "Zone lamps wired to the coils of a Modbus RTU LED/relay board on its own RS485 serial port.")
    public @interface Config {
        @AttributeDefinition(name = "Serial port", description = "Device of the board's RS485 adapter; prefer /dev/serial/by-id/... so a replugged adapter keeps its name.")
        String port();

        @AttributeDefinition(name = "Baud rate", description = "Line speed as set on the board (8 data bits, 1 stop bit).")
        int baud() default 9600;

        @AttributeDefinition(name = "Parity", options = {
                @Option(label = "none", value = "none"), @Option(label = "even", value = "even"), @Option(label = "odd", value = "odd")})
        String parity() default "none";

        @AttributeDefinition(name = "Unit id", description = "The board's Modbus address, 1..247.")
        int unitId() default 1;

        @AttributeDefinition(name = "Answer timeout (ms)", description = "Longest wait for the board's answer to a write, 20..10000.")
        int timeoutMillis() default 300;

        @AttributeDefinition(name = "Coils", description = "zone:colour=coil for every lamp colour wired, e.g. A1:red=0, A1:yellow=1, A1:green=2 (colours red, yellow, green; coil 0..65535, each once).")
        String[] coils();
    }

    private final ModbusLightDriver driver;
    private final DriverRegistration registration;

    @Activate
    public ModbusDriverComponent(Config config, BundleContext context) {
        ModbusSettings settings;
        try {
            settings = ModbusSettings.of(config.port(), config.baud(), config.parity(), config.unitId(),
                    config.timeoutMillis(), config.coils());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected, Modbus lights not started: {}", PID, e.getMessage());
            throw e;
        }
        driver = new ModbusLightDriver("modbus " + settings.port() + " unit " + settings.unitId(), settings);
        registration = new DriverRegistration(context, driver);
    }

    @Deactivate
    void deactivate() {
        registration.close();
        driver.close();
    }
}
