package org.medcab.leds.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.medcab.leds.LightDriver;
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

/** Zone lamps on Linux GPIO lines, one factory configuration per GPIO chip; registers its driver itself (see {@link DriverRegistration}). */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.medcab.leds.LightDriver")
@Component(immediate = true, configurationPid = GpioDriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = GpioDriverComponent.Config.class, factory = true)
public final class GpioDriverComponent {
    static final String PID = "org.medcab.leds.gpio";
    /** GPIO numbers in sysfs reach past one chip's offsets (chip base + offset). */
    static final int MAX_LINE = 4095;
    private static final Logger LOG = LoggerFactory.getLogger(GpioDriverComponent.class);

    @ObjectClassDefinition(name = "medcab zone lights: GPIO",
            description = "Zone lamps on Linux GPIO lines, switched by libgpiod's gpioset on a character device, or through sysfs.")
    public @interface Config {
        @AttributeDefinition(name = "Interface", description = "gpioset: the character device through libgpiod v1's gpioset (Debian package gpiod); sysfs: /sys/class/gpio, only on kernels that still have it.",
                options = {@Option(label = "gpioset (character device)", value = "gpioset"), @Option(label = "sysfs", value = "sysfs")})
        String backend() default "gpioset";

        @AttributeDefinition(name = "GPIO chip", description = "For gpioset: the chip's name or number, e.g. gpiochip0 (see gpiodetect).")
        String chip() default "gpiochip0";

        @AttributeDefinition(name = "Lines", description = "zone:colour=line for every lamp colour wired, e.g. A1:red=17. For gpioset the line offset on the chip; for sysfs the global GPIO number (chip base + offset).")
        String[] lines();

        @AttributeDefinition(name = "Active low", description = "True when a lamp lights with its line at 0.")
        boolean activeLow() default false;

        @AttributeDefinition(name = "gpioset program", description = "Path of gpioset.")
        String gpiosetPath() default "/usr/bin/gpioset";

        @AttributeDefinition(name = "sysfs folder", description = "The sysfs GPIO folder.")
        String sysfsBase() default "/sys/class/gpio";

        @AttributeDefinition(name = "gpioset timeout (ms)", description = "Longest run of one gpioset call, 100..10000.")
        int timeoutMillis() default 2000;
    }

    private final DriverRegistration registration;

    @Activate
    public GpioDriverComponent(Config config, BundleContext context) {
        LightDriver driver;
        try {
            driver = driver(config);
        } catch (IllegalArgumentException e) {
            LOG.error("configuration {} rejected, GPIO lights not started: {}", PID, e.getMessage());
            throw e;
        }
        registration = new DriverRegistration(context, driver);
    }

    @Deactivate
    void deactivate() {
        registration.close();
    }

    static LightDriver driver(Config config) {
        OutputMap lines = OutputMap.parse("line", config.lines(), MAX_LINE);
        String backend = config.backend() == null ? "" : config.backend().toLowerCase(Locale.ROOT);
        switch (backend) {
            case "gpioset" -> {
                if (config.chip() == null || config.chip().isBlank()) {
                    throw new IllegalArgumentException("chip must not be empty");
                }
                if (config.timeoutMillis() < 100 || config.timeoutMillis() > 10_000) {
                    throw new IllegalArgumentException("timeoutMillis must be 100..10000: " + config.timeoutMillis());
                }
                return new GpiosetDriver("gpioset " + config.chip(), Path.of(config.gpiosetPath()), config.chip(), lines,
                        config.activeLow(), config.timeoutMillis());
            }
            case "sysfs" -> {
                return new SysfsGpioDriver("sysfs " + config.sysfsBase(), Path.of(config.sysfsBase()), lines, config.activeLow());
            }
            default -> throw new IllegalArgumentException("backend must be gpioset or sysfs: " + config.backend());
        }
    }
}
