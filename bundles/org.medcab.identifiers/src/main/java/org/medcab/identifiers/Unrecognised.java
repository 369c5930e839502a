package org.medcab.identifiers;

import java.util.Objects;

/**
 * Input that identifies nothing the gateway understands, or a malformed label.
 *
 * @param input  the input as given (empty for null)
 * @param reason what is wrong, naming the AI or field concerned, for logs and the pharmacist's screen
 */
public record Unrecognised(String input, String reason) implements Identifier {

    public Unrecognised {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
    }
}
