package org.medcab.identifiers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Chinese drug traceability code (药品追溯码) in its common 码上放心 form: 20 digits starting with 8,
 * unique to one sales pack. It does not carry batch or expiry: those come from the marketing
 * authorisation holder's data for this exact code, never from the code's digits.
 *
 * @param code the 20 digits
 * @throws IllegalArgumentException unless {@code code} is 8 followed by 19 digits
 */
public record TraceCode(String code) implements Identifier {

    private static final Pattern FORM = Pattern.compile("8[0-9]{19}");

    public TraceCode {
        Objects.requireNonNull(code, "code");
        if (!isTraceCode(code)) {
            throw new IllegalArgumentException("a trace code is 8 followed by 19 digits: " + Gs1Text.quote(code));
        }
    }

    /** Whether {@code text} has the form of a trace code (the check characters' algorithm is not public). */
    public static boolean isTraceCode(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The first 7 digits, which identify the product (药品标识码): the key to the product, not to the pack. */
    public String productKey() {
        return code.substring(0, 7);
    }
}
