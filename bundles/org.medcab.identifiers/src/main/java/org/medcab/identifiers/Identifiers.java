package org.medcab.identifiers;

import java.time.LocalDate;
import java.util.Objects;

/** Classifies input from any source (reader, scanner, hospital system) into an {@link Identifier}. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * What {@code input} identifies. Never throws; in order:
     * <ol>
     * <li>starts with a symbology identifier ({@code ]}) or holds a GS: a GS1 element string →
     *     {@link PackLabel}, or {@link Unrecognised} naming the AI and the problem;</li>
     * <li>8 followed by 19 digits → {@link TraceCode};</li>
     * <li>digits that parse as a GS1 element string without symbology identifier → {@link PackLabel};</li>
     * <li>hexadecimal in whole 16-bit words → {@link Epc#decode(String)}: {@link Sgtin} or {@link RawEpc};</li>
     * <li>anything else → {@link Unrecognised} with the reason.</li>
     * </ol>
     *
     * @param today the date that anchors two-digit years on labels (GS1's 49-back/50-ahead window)
     */
    public static Identifier parse(String input, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (input == null || input.isEmpty()) {
            return new Unrecognised("", "empty input");
        }
        if (input.startsWith("]") || input.indexOf(ElementStringParser.GS) >= 0) {
            return ElementStringParser.parse(input, today);
        }
        if (TraceCode.isTraceCode(input)) {
            return new TraceCode(input);
        }
        Identifier label = null;
        if (Gs1Text.isDigits(input)) {
            label = ElementStringParser.parse(input, today);
            if (label instanceof PackLabel) {
                return label;
            }
        }
        if (EpcCodec.isHex(input) && input.length() % 4 == 0) {
            return Epc.decode(input);
        }
        if (label != null) {
            return label;
        }
        return new Unrecognised(input, "neither an EPC (hexadecimal in whole 16-bit words), a GS1 element string"
                + " nor a 20-digit drug traceability code: " + Gs1Text.quote(input));
    }

    /** {@link #parse(String, LocalDate)} with today's date from the system clock. */
    public static Identifier parse(String input) {
        return parse(input, LocalDate.now());
    }

    /**
     * A scanned GS1 element string: optional symbology identifier ({@code ]d2}, {@code ]C1},
     * {@code ]Q3}), then AIs 01, 10, 11, 17, 21, a GS after each batch or serial that is not last.
     * Never throws.
     *
     * @return a {@link PackLabel}, or an {@link Unrecognised} naming the AI and the problem
     */
    public static Identifier parseLabel(String scanned, LocalDate today) {
        Objects.requireNonNull(today, "today");
        return ElementStringParser.parse(scanned, today);
    }
}
