package io.msmeatlas.matching.web;

import java.util.List;

/** A request whose fields break a rule: 422 naming each field, nothing stored. */
public class InvalidRequest extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequest(List<FieldViolation> violations) {
        super("Invalid request: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Throws when there is anything to report. */
    public static void check(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }
}
