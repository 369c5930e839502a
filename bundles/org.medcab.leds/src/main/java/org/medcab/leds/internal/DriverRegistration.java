package org.medcab.leds.internal;

import java.util.Map;

import org.medcab.leds.LightDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * A driver's {@link LightDriver} service, registered by its component only once the configuration
 * proved good: a declared DS service would stay registered for a rejected configuration, and the
 * controller would try (and fail) to activate it again and again.
 */
final class DriverRegistration implements AutoCloseable {
    private final ServiceRegistration<LightDriver> registration;

    DriverRegistration(BundleContext context, LightDriver driver) {
        registration = context.registerService(LightDriver.class, driver,
                FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_DESCRIPTION, "medcab zone lights: " + driver.name())));
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters services of a stopping bundle itself
        }
    }
}
