package org.medcab.simulator.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.medcab.simulator.Scenario;
import org.medcab.simulator.ScenarioException;
import org.medcab.simulator.Simulator;

/**
 * Runs a simulator inside the gateway (the {@code simulator} feature): one per factory
 * configuration {@code org.medcab.simulator}, each on its own serial line.
 */
@Component(configurationPid = SimulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = SimulatorComponent.Config.class, factory = true)
public final class SimulatorComponent {
    public static final String PID = "org.medcab.simulator";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    @ObjectClassDefinition(name = "medcab reader simulator",
            description = "Simulated R2000 readers and tags answering on a serial line (the far end of a socat pty pair).")
    public @interface Config {
        @AttributeDefinition(description = "Serial device the simulated readers answer on, e.g. /tmp/medcab/ttyB.")
        String port();

        @AttributeDefinition(required = false,
                description = "Scenario JSON file (readers, antennas, tags, faults); empty = the built-in demo cabinet.")
        String scenario() default "";

        @AttributeDefinition(required = false, description = "Line speed 38400 or 115200; 0 = the scenario's.")
        int baud() default 0;
    }

    private final Simulator simulator;

    @Activate
    public SimulatorComponent(Config config) throws IOException, ScenarioException {
        try {
            Scenario scenario = config.scenario().isBlank() ? Scenario.demo() : Scenario.load(Path.of(config.scenario()));
            int baud = config.baud();
            if (baud != 0 && baud != 38400 && baud != 115200) {
                throw new ScenarioException("baud must be 0, 38400 or 115200: " + baud);
            }
            simulator = new Simulator(scenario, config.port(), baud, null);
            simulator.start();
            LOG.info("simulator '{}' answering on {}: {} readers, {} tags", scenario.name(), config.port(),
                    scenario.readers().size(), scenario.tags().size());
        } catch (IOException | ScenarioException e) {
            LOG.error("simulator on {} not started: {}", config.port(), e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void stop() {
        simulator.close();
    }
}
