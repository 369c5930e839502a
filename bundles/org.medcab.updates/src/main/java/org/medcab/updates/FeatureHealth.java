package org.medcab.updates;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A feature's own health probe, registered as a service with the property {@value #FEATURE} set to the
 * symbolic name of its deployment package (for example {@code org.medcab.feature.rules}). The updater
 * asks it after an install, until it is healthy or the health timeout ends; an unhealthy answer at the
 * end of the timeout rolls the update back. A probe must answer quickly and must not throw.
 */
@ConsumerType
public interface FeatureHealth {
    /** Service property: the deployment package this probe speaks for. */
    String FEATURE = "medcab.feature";

    /** Whether the feature does its job now (for example: a first rules evaluation has run). */
    boolean healthy();

    /** Why not, in words an operator understands; read only when {@link #healthy()} is false. */
    String reason();
}
