package org.medcab.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.medcab.hospital.HospitalContract;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The JSON Schema validator that {@code org.medcab.mqtt} embeds (networknt with Jackson and itu,
 * private packages) works inside Equinox: loaded through the bundle's own class loader, it compiles
 * a command schema whose {@code $ref}s point into the contract of {@code org.medcab.hospital},
 * accepts a valid command, and names the field of an invalid one with an English message (the
 * message bundles and the date format checks are inside the bundle too).
 *
 * <p>The classes are the bundle's private ones, so they are reached by reflection; what is called is
 * exactly what the command dispatcher calls.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandValidationIT {
    private static final String PROBE_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "required": ["schema", "requestId", "gtin", "quantity"],
              "properties": {
                "schema": { "const": "medcab/cmd/probe/1" },
                "requestId": { "$ref": "command-envelope.json#/$defs/requestId" },
                "gtin": { "$ref": "command-envelope.json#/$defs/gtin" },
                "quantity": { "type": "integer", "minimum": 1, "maximum": 100 },
                "expiry": { "$ref": "command-envelope.json#/$defs/date" }
              },
              "additionalProperties": false
            }
            """;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return GatewayBundles.options(false);
    }

    @Test
    public void embeddedValidatorChecksCommandsAgainstTheContractInsideTheFramework() throws Exception {
        Bundle mqtt = bundle("org.medcab.mqtt");
        Path file = Files.createTempFile("cmd-probe", ".json");
        Files.writeString(file, PROBE_SCHEMA);
        URL probe = file.toUri().toURL();
        Function<String, URL> source = name -> "cmd-probe".equals(name) ? probe : HospitalContract.schema(name);

        Class<?> schemasType = mqtt.loadClass("org.medcab.mqtt.internal.CommandSchemas");
        Constructor<?> constructor = schemasType.getDeclaredConstructor(Function.class);
        constructor.setAccessible(true);
        Object schemas = constructor.newInstance(source);

        assertEquals("valid", check(mqtt, schemas,
                "{\"schema\":\"medcab/cmd/probe/1\",\"requestId\":\"r-1\",\"gtin\":\"04012345678901\",\"quantity\":3,\"expiry\":\"2027-01-31\"}"));
        String range = check(mqtt, schemas, "{\"schema\":\"medcab/cmd/probe/1\",\"requestId\":\"r-2\",\"gtin\":\"04012345678901\",\"quantity\":101}");
        assertTrue(range, range.contains("field=/quantity") && range.contains("maximum value of 100"));
        String pattern = check(mqtt, schemas, "{\"schema\":\"medcab/cmd/probe/1\",\"requestId\":\"r-3\",\"gtin\":\"123\",\"quantity\":1}");
        assertTrue(pattern, pattern.contains("field=/gtin"));
        String date = check(mqtt, schemas,
                "{\"schema\":\"medcab/cmd/probe/1\",\"requestId\":\"r-4\",\"gtin\":\"04012345678901\",\"quantity\":1,\"expiry\":\"2027-02-30\"}");
        assertTrue(date, date.contains("field=/expiry"));
        String extra = check(mqtt, schemas,
                "{\"schema\":\"medcab/cmd/probe/1\",\"requestId\":\"r-5\",\"gtin\":\"04012345678901\",\"quantity\":1,\"colour\":\"red\"}");
        assertTrue(extra, extra.contains("field=/colour"));
    }

    /** "valid", or the CommandError as text. */
    private static String check(Bundle mqtt, Object schemas, String json) throws Exception {
        Method parse = mqtt.loadClass("org.medcab.mqtt.internal.CommandParser").getDeclaredMethod("parse", byte[].class);
        parse.setAccessible(true);
        Object node;
        try {
            node = parse.invoke(null, (Object) json.getBytes(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            throw new AssertionError("not parsed: " + json, e.getCause());
        }
        Method validate = null;
        for (Method m : schemas.getClass().getDeclaredMethods()) {
            if (m.getName().equals("validate")) {
                validate = m;
            }
        }
        assertNotNull(validate);
        validate.setAccessible(true);
        Optional<?> problem = (Optional<?>) validate.invoke(schemas, "probe", node);
        return problem.map(Object::toString).orElse("valid");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }
}
