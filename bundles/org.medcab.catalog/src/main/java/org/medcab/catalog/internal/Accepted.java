package org.medcab.catalog.internal;

/** A row that passed validation: its position in its list of the request and what it says. */
public record Accepted<T>(int index, T value) {
}
