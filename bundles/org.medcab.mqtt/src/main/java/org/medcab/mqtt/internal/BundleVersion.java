package org.medcab.mqtt.internal;

import java.util.Objects;

/** A bundle running on the gateway, as announced in the birth message. */
public record BundleVersion(String name, String version) {
    public BundleVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
