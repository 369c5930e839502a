package org.medcab.leds.internal;

import java.time.Clock;

import org.medcab.hospital.HospitalUplink;
import org.medcab.leds.LightDriver;
import org.medcab.leds.LightDriverException;
import org.medcab.leds.LightScene;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The MQTT mirror of the zone lights, enabled by a factory configuration (it has no settings of its
 * own: topics and delivery come from the hospital link). Needs the {@link HospitalUplink}; gone
 * with it.
 */
@Component(configurationPid = MqttMirrorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MqttMirrorComponent.Config.class, factory = true)
public final class MqttMirrorComponent implements LightDriver {
    static final String PID = "org.medcab.leds.mqtt";

    @ObjectClassDefinition(name = "medcab zone lights: MQTT mirror",
            description = "Publishes every zone's light, retained, on led/{zone} through the hospital link, so an HIS screen shows the cabinet's lights.")
    public @interface Config {
    }

    private final MqttMirrorDriver driver;

    @Activate
    public MqttMirrorComponent(@Reference HospitalUplink uplink) {
        driver = new MqttMirrorDriver("mqtt mirror", uplink, Clock.systemUTC());
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public boolean followsBlinkPhases() {
        return false;
    }

    @Override
    public void show(LightScene scene) throws LightDriverException {
        driver.show(scene);
    }
}
