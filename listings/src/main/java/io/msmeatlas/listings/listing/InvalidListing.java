package io.msmeatlas.listings.listing;

import java.util.List;

/** Listing details that break a rule: 422 naming each field, nothing stored. */
class InvalidListing extends RuntimeException {

    private final List<FieldViolation> violations;

    InvalidListing(List<FieldViolation> violations) {
        super("Invalid listing: " + violations);
        this.violations = List.copyOf(violations);
    }

    List<FieldViolation> violations() {
        return violations;
    }
}
