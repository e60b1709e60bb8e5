package io.msmeatlas.listings.listing;

import java.util.Map;

/** One invalid field of a request, named by its JSON path ({@code financials[1].revenue}). */
record FieldViolation(String field, String message) {

    Map<String, Object> asProblemEntry() {
        return Map.of("field", field, "message", message);
    }
}
