package io.msmeatlas.valuation;

import io.msmeatlas.web.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Collects invalid fields of a request, each named by its JSON path, and refuses it with one 422. */
public final class Violations {

    /** As everywhere in MSMEAtlas: at most 15 integer digits and 2 decimals, in rupees. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_DECIMALS = 2;

    private final List<Map<String, String>> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }

    public void required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            add(field, "is required");
        }
    }

    /** A non-negative amount of rupees. */
    public void amount(String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                add(field, "is required");
            }
            return;
        }
        if (value.signum() < 0) {
            add(field, "must not be negative");
        } else {
            signedAmount(field, value);
        }
    }

    public void signedAmount(String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > MAX_DECIMALS) {
            add(field, "must have at most " + MAX_DECIMALS + " decimals");
        } else if (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS) {
            add(field, "must have at most " + MAX_INTEGER_DIGITS + " integer digits");
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                    "The request has invalid fields.", Map.of("errors", List.copyOf(errors)));
        }
    }
}
