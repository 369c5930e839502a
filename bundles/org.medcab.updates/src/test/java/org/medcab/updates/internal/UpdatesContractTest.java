package org.medcab.updates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.medcab.hospital.HospitalContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The updater's commands and replies against their schemas in the contract: the payloads the handlers
 * read and the replies they write pass, and each kind of bad input is refused.
 */
class UpdatesContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SIG = "7Jw3r0cS7s0oVgx7nYpC4Jv0Qk3y7Xo6VdQpXk1v2k3aQ0sG5mH8nP4rT6uW9yZ1bC2dE3fG4hJ5kL6mN7oP8qA==";
    private static final String ENVELOPE = """
            "id":"0b7f8f8e-2d1c-4d9e-9d36-0c9a4f6b2f10","seq":7,"site":"site1","gateway":"cabinet1","time":"2026-12-01T20:00:00Z",
            "requestId":"r-1","correlationId":"r-1","received":"2026-12-01T20:00:00Z","durationMs":12,""";

    private static JsonSchema schema(String name) throws URISyntaxException {
        URL url = HospitalContract.schema(name);
        assertNotNull(url, name + " is not in the contract");
        return SCHEMAS.getSchema(SchemaLocation.of(url.toURI().toString()), FORMATS);
    }

    private static Set<ValidationMessage> validate(String schemaName, String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return schema(schemaName).validate(node);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("cmd-deploy", "{\"schema\":\"medcab/cmd/deploy/1\",\"requestId\":\"u-1\",\"package\":\"org.medcab.feature.rules\","
                        + "\"version\":\"0.2.0\",\"sha256\":\"" + SHA + "\",\"signature\":{\"keyId\":\"it-2026\",\"value\":\"" + SIG + "\"},"
                        + "\"source\":{\"url\":\"https://updates.hospital.example/rules-0.2.0.dp\"}}"),
                Arguments.of("cmd-deploy", "{\"schema\":\"medcab/cmd/deploy/1\",\"requestId\":\"u-2\",\"correlationId\":\"c\",\"package\":\"p\","
                        + "\"version\":\"1.0.0.beta\",\"sha256\":\"" + SHA + "\",\"signature\":{\"keyId\":\"k\",\"value\":\"" + SIG + "\"},"
                        + "\"source\":{\"transferId\":\"rules-0.2.0\"}}"),
                Arguments.of("cmd-deploy-chunk", "{\"schema\":\"medcab/cmd/deploy-chunk/1\",\"requestId\":\"c-0\",\"transferId\":\"t1\","
                        + "\"index\":0,\"total\":3,\"sha256\":\"" + SHA + "\",\"data\":\"AAEC\"}"),
                Arguments.of("cmd-deploy-status", "{\"schema\":\"medcab/cmd/deploy-status/1\",\"requestId\":\"s-1\",\"transferId\":\"t1\"}"),
                Arguments.of("cmd-deploy-list", "{\"schema\":\"medcab/cmd/deploy-list/1\",\"requestId\":\"l-1\"}"),
                Arguments.of("cmd-uninstall", "{\"schema\":\"medcab/cmd/uninstall/1\",\"requestId\":\"x-1\",\"package\":\"org.medcab.feature.simulator\"}"),
                Arguments.of("reply-deploy", "{\"schema\":\"medcab/reply/deploy/1\"," + ENVELOPE + "\"command\":\"deploy\",\"status\":\"progress\","
                        + "\"result\":{\"phase\":\"download\",\"percent\":40,\"package\":\"p\",\"version\":\"1.0.0\"}}"),
                Arguments.of("reply-deploy", "{\"schema\":\"medcab/reply/deploy/1\"," + ENVELOPE + "\"command\":\"deploy\",\"status\":\"failed\","
                        + "\"error\":{\"field\":\"\",\"problem\":\"rolled back\"},"
                        + "\"result\":{\"phase\":\"health\",\"package\":\"p\",\"version\":\"1.0.1\",\"running\":\"1.0.0\",\"problem\":\"component x failed to activate\"}}"),
                Arguments.of("reply-deploy-chunk", "{\"schema\":\"medcab/reply/deploy-chunk/1\"," + ENVELOPE + "\"command\":\"deploy-chunk\",\"status\":\"ok\","
                        + "\"result\":{\"transferId\":\"t1\",\"total\":3,\"bytes\":100,\"missing\":[1,2],\"complete\":false}}"),
                Arguments.of("reply-deploy-list", "{\"schema\":\"medcab/reply/deploy-list/1\"," + ENVELOPE + "\"command\":\"deploy-list\",\"status\":\"ok\","
                        + "\"result\":{\"packages\":[{\"name\":\"org.medcab.feature.rules\",\"version\":\"0.1.0\",\"healthy\":true,"
                        + "\"bundles\":[{\"symbolicName\":\"org.medcab.rules\",\"version\":\"0.1.0\"}]}]}}"),
                Arguments.of("reply-uninstall", "{\"schema\":\"medcab/reply/uninstall/1\"," + ENVELOPE + "\"command\":\"uninstall\",\"status\":\"ok\","
                        + "\"result\":{\"package\":\"p\",\"version\":\"1.0.0\"}}"),
                Arguments.of("update-event", "{\"schema\":\"medcab/update-event/1\",\"id\":\"0b7f8f8e-2d1c-4d9e-9d36-0c9a4f6b2f10\",\"seq\":8,"
                        + "\"site\":\"site1\",\"gateway\":\"cabinet1\",\"time\":\"2026-12-01T20:00:00Z\",\"event\":\"recovered\","
                        + "\"package\":\"org.medcab.feature.rules\",\"version\":\"0.2.0\",\"running\":\"0.1.0\",\"reason\":\"the gateway stopped during the install of 0.2.0\"}"));
    }

    @ParameterizedTest(name = "{0} {index}")
    @MethodSource("valid")
    void validPayloadsPass(String schemaName, String json) throws Exception {
        Set<ValidationMessage> errors = validate(schemaName, json);
        assertTrue(errors.isEmpty(), json + ": " + errors);
    }

    static Stream<Arguments> invalid() {
        String deploy = "{\"schema\":\"medcab/cmd/deploy/1\",\"requestId\":\"u-1\",\"package\":\"p\",\"version\":\"1.0.0\","
                + "\"sha256\":\"" + SHA + "\",\"signature\":{\"keyId\":\"k\",\"value\":\"" + SIG + "\"},\"source\":{\"url\":\"https://h/p.dp\"}}";
        return Stream.of(
                Arguments.of("unsigned", "cmd-deploy", deploy.replaceAll(",\"signature\":\\{[^}]*}", "")),
                Arguments.of("digest not 64 hex digits", "cmd-deploy", deploy.replace(SHA, SHA.substring(2))),
                Arguments.of("ftp source", "cmd-deploy", deploy.replace("https://h/p.dp", "ftp://h/p.dp")),
                Arguments.of("both url and transfer", "cmd-deploy", deploy.replace("\"url\"", "\"transferId\":\"t1\",\"url\"")),
                Arguments.of("no source", "cmd-deploy", deploy.replace("\"source\":{\"url\":\"https://h/p.dp\"}", "\"source\":{}")),
                Arguments.of("bad version", "cmd-deploy", deploy.replace("\"1.0.0\"", "\"latest\"")),
                Arguments.of("unknown field", "cmd-deploy", deploy.replace("{\"schema\"", "{\"force\":true,\"schema\"")),
                Arguments.of("no requestId", "cmd-deploy", deploy.replace("\"requestId\":\"u-1\",", "")),
                Arguments.of("negative chunk index", "cmd-deploy-chunk", "{\"schema\":\"medcab/cmd/deploy-chunk/1\",\"requestId\":\"c\","
                        + "\"transferId\":\"t1\",\"index\":-1,\"total\":3,\"sha256\":\"" + SHA + "\",\"data\":\"AAEC\"}"),
                Arguments.of("chunk data not base64", "cmd-deploy-chunk", "{\"schema\":\"medcab/cmd/deploy-chunk/1\",\"requestId\":\"c\","
                        + "\"transferId\":\"t1\",\"index\":0,\"total\":3,\"sha256\":\"" + SHA + "\",\"data\":\"%%%%\"}"),
                Arguments.of("transfer id with a path", "cmd-deploy-status", "{\"schema\":\"medcab/cmd/deploy-status/1\",\"requestId\":\"s\",\"transferId\":\"../x\"}"),
                Arguments.of("uninstall without package", "cmd-uninstall", "{\"schema\":\"medcab/cmd/uninstall/1\",\"requestId\":\"x\"}"),
                Arguments.of("unknown reply phase", "reply-deploy", "{\"schema\":\"medcab/reply/deploy/1\"," + ENVELOPE
                        + "\"command\":\"deploy\",\"status\":\"progress\",\"result\":{\"phase\":\"guessing\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void badPayloadsFail(String what, String schemaName, String json) throws Exception {
        assertFalse(validate(schemaName, json).isEmpty(), what + " passed " + schemaName);
    }

    @Test
    void progressPhasesOfTheCodeAreInTheSchema() throws Exception {
        // The phases Updater reports, as the reply schema enumerates them.
        JsonNode phases = JSON.readTree(HospitalContract.replySchema("deploy")).path("properties").path("result")
                .path("properties").path("phase").path("enum");
        for (String phase : new String[] {"accepted", "download", "verify", "install", "health", "rollback", "done"}) {
            boolean found = false;
            for (JsonNode p : phases) {
                found |= p.asText().equals(phase);
            }
            assertTrue(found, phase);
        }
        assertEquals(7, phases.size());
    }
}
