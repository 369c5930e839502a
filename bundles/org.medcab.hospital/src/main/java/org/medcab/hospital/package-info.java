/**
 * The hospital interface as services. Capability bundles send messages to the hospital
 * information system (HIS) through the {@link org.medcab.hospital.HospitalUplink} service, which
 * stores them durably before it returns, and answer HIS commands by registering a
 * {@link org.medcab.hospital.CommandHandler} service (whiteboard) per command name.
 *
 * <p>The contract of the interface (AsyncAPI document and JSON Schemas of every message and of
 * every command) ships as resources of this bundle under {@code contract/}; see
 * {@link org.medcab.hospital.HospitalContract}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.hospital;
