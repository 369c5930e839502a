package org.medcab.hospital;

import java.util.Objects;

/**
 * A command refused as a whole, with nothing changed; the error reply names the field (a JSON
 * Pointer into the payload, {@code ""} for the whole payload) and the problem.
 */
public final class CommandRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field   JSON Pointer of the offending field, for example {@code /items/3/expiry}
     * @param problem what is wrong with it, in words an integrator understands
     */
    public CommandRejectedException(String field, String problem) {
        super((field.isEmpty() ? "payload" : field) + ": " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
