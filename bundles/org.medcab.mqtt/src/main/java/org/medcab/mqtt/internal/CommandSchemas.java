package org.medcab.mqtt.internal;

import java.net.URL;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.medcab.hospital.HospitalContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;

/**
 * The command schemas of the contract at run time: the very files {@code org.medcab.hospital} ships
 * ({@code contract/schemas/cmd-{name}.json}, JSON Schema draft 2020-12), each compiled once on first
 * use and kept. {@code $ref}s resolve only inside the contract; nothing is ever fetched from the
 * network, whatever a schema names.
 */
final class CommandSchemas {
    /** The retrieval IRI the contract's schemas get, so their relative {@code $ref}s resolve among themselves. */
    static final String BASE = "https://contract.medcab.invalid/schemas/";

    private final Function<String, URL> source;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** The contract of {@code org.medcab.hospital}. */
    CommandSchemas() {
        this(HospitalContract::schema);
    }

    /**
     * @param source a schema by name ({@code cmd-pick}, {@code command-envelope}), as
     *               {@link HospitalContract#schema} gives it; null when there is none
     */
    CommandSchemas(Function<String, URL> source) {
        this.source = source;
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaLoaders(loaders -> loaders
                        .add(iri -> contractSchema(iri.toString()))
                        // Before the library's own loaders, which would read the class path and the network.
                        .add(DisallowSchemaLoader.getInstance())));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // Since 2019-09 "format" only annotates by default; the contract means its dates.
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();
    }

    /** Whether the contract has a command of this name (a {@code cmd-{name}.json}). */
    boolean knows(String command) {
        return compiled.containsKey(command) || source.apply("cmd-" + command) != null;
    }

    /**
     * Validates a payload against its command's schema.
     *
     * @return the first problem found (field and what is wrong), empty when the payload is valid
     * @throws IllegalArgumentException when the contract has no such command
     */
    Optional<CommandError> validate(String command, JsonNode payload) {
        JsonSchema schema = compiled.computeIfAbsent(command, this::compile);
        Set<ValidationMessage> problems = schema.validate(payload);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        Iterator<ValidationMessage> it = problems.iterator();
        ValidationMessage first = it.next();
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
        return Optional.of(new CommandError(field(first), problem(first) + more));
    }

    /**
     * Loads the validator's classes and compiles the envelope that every command refers to, so that
     * the first command after a start does not pay for it (about a second on a busy Raspberry Pi).
     */
    void warmUp() {
        JsonSchema envelope = factory.getSchema(SchemaLocation.of(BASE + "command-envelope.json"), config);
        envelope.initializeValidators();
        envelope.validate(CommandParser.JSON.createObjectNode());
    }

    private JsonSchema compile(String command) {
        if (source.apply("cmd-" + command) == null) {
            throw new IllegalArgumentException("the contract has no command " + command);
        }
        JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + "cmd-" + command + ".json"), config);
        // Resolve every $ref now: a contract mistake shows on the first command, not on some later field.
        schema.initializeValidators();
        return schema;
    }

    private InputStreamSource contractSchema(String iri) {
        if (!iri.startsWith(BASE) || !iri.endsWith(".json")) {
            return null;
        }
        URL url = source.apply(iri.substring(BASE.length(), iri.length() - ".json".length()));
        if (url == null) {
            return null;
        }
        return url::openStream;
    }

    /** The instance location, plus the property for keywords that speak about a property that is (not) there. */
    private static String field(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String property = message.getProperty();
        String type = message.getType();
        boolean aboutProperty = "required".equals(type) || "additionalProperties".equals(type)
                || "unevaluatedProperties".equals(type) || "dependentRequired".equals(type)
                || "propertyNames".equals(type);
        return aboutProperty && property != null ? location + "/" + CommandParser.escape(property) : location;
    }

    private static String problem(ValidationMessage message) {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation() + ": ";
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        } else if (text.startsWith(": ")) {
            text = text.substring(2);
        }
        return text;
    }
}
