package org.medcab.hospital;

import java.net.URL;

/**
 * Where the contract of the hospital interface lies inside this bundle: {@code contract/asyncapi.yaml}
 * and {@code contract/schemas/*.json} (JSON Schema draft 2020-12).
 */
public final class HospitalContract {
    /** The AsyncAPI document, relative to this bundle's root. */
    public static final String ASYNCAPI = "contract/asyncapi.yaml";
    private static final String SCHEMAS = "contract/schemas/";

    private HospitalContract() {
    }

    /** The AsyncAPI document. */
    public static URL asyncApi() {
        return HospitalContract.class.getClassLoader().getResource(ASYNCAPI);
    }

    /**
     * The JSON Schema a {@code cmd/{command}} payload must satisfy, {@code contract/schemas/cmd-{command}.json};
     * {@code null} when the contract has no such command.
     */
    public static URL commandSchema(String command) {
        return schema("cmd-" + command);
    }

    /** The JSON Schema of the {@code reply/{command}} payload, {@code contract/schemas/reply-{command}.json}, or null. */
    public static URL replySchema(String command) {
        return schema("reply-" + command);
    }

    /** {@code contract/schemas/{name}.json}, or null when the contract has none by that name. */
    public static URL schema(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            return null;
        }
        return HospitalContract.class.getClassLoader().getResource(SCHEMAS + name + ".json");
    }
}
