/**
 * The shared vocabulary of medcab: what a reader observed, which zone holds what, and whether a
 * reader is healthy. Plain immutable values with no behaviour and no dependency beyond the JDK, so
 * every capability bundle can speak them without pulling in another capability.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.medcab.api;
