package org.medcab.leds.internal;

import java.time.Clock;

import org.medcab.hospital.HospitalUplink;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The MQTT mirror of the zone lights, enabled by a factory configuration (it has no settings of its
 * own: topics and delivery come from the hospital link). Needs the {@link HospitalUplink}; gone
 * with it.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.medcab.leds.LightDriver")
@Component(immediate = true, configurationPid = MqttMirrorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MqttMirrorComponent.Config.class, factory = true)
public final class MqttMirrorComponent {
    static final String PID = "org.medcab.leds.mqtt";

    @ObjectClassDefinition(name = "medcab zone lights: MQTT mirror",
            description = "Publishes every zone's light, retained, on led/{zone} through the hospital link, so an HIS screen shows the cabinet's lights.")
    public @interface Config {
    }

    private final DriverRegistration registration;

    @Activate
    public MqttMirrorComponent(@Reference HospitalUplink uplink, BundleContext context) {
        registration = new DriverRegistration(context, new MqttMirrorDriver("mqtt mirror", uplink, Clock.systemUTC()));
    }

    @Deactivate
    void deactivate() {
        registration.close();
    }
}
