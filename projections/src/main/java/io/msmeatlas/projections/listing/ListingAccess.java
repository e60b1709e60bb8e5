package io.msmeatlas.projections.listing;

import io.msmeatlas.web.Caller;

/** Who may see which listing, and how much of it. */
record ListingAccess(Caller caller) {

    static final String ADMIN = "ADMIN";
    static final String SELLER = "SELLER";

    boolean isAdmin() {
        return caller.hasRole(ADMIN);
    }

    /** Published, under offer and sold listings are for every signed-in user; the rest for their seller and admins. */
    boolean canOpen(ListingView view) {
        return ListingStatus.PUBLIC.contains(view.status()) || seesEverything(view);
    }

    /** The seller and administrators see the confidential fields too. */
    boolean seesEverything(ListingView view) {
        return isAdmin() || caller.userId().equals(view.sellerId());
    }

    /** The representation this caller may see of {@code view}. */
    ListingRepresentation represent(ListingView view) {
        return seesEverything(view) ? view : PublicListing.of(view);
    }
}
