package org.medcab.identifiers;

/**
 * What one piece of input identifies, as classified by {@link Identifiers#parse(String, java.time.LocalDate)}:
 * a tag's EPC ({@link Sgtin} or {@link RawEpc}), a scanned pack label ({@link PackLabel}), a drug
 * traceability code ({@link TraceCode}), or nothing the gateway understands ({@link Unrecognised}).
 */
public sealed interface Identifier permits Epc, PackLabel, TraceCode, Unrecognised {
}
