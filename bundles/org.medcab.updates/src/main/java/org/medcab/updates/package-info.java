/**
 * What a feature (a deployment package) tells the updater about its own health. After installing a
 * package the updater waits until every component of the package's bundles is active and every
 * {@link org.medcab.updates.FeatureHealth} service registered for the package says it is healthy;
 * otherwise it rolls back to the previous version.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.updates;
