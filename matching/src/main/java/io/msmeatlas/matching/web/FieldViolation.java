package io.msmeatlas.matching.web;

import java.util.Map;

/** One invalid field of a request, named by its JSON path ({@code criteria.sectors[1]}). */
public record FieldViolation(String field, String message) {

    Map<String, Object> asProblemEntry() {
        return Map.of("field", field, "message", message);
    }
}
