package io.msmeatlas.listings.listing;

/** A command that the listing's current status does not allow; the client gets 409 and the status. */
class IllegalListingTransition extends RuntimeException {

    private final ListingStatus currentStatus;

    IllegalListingTransition(String action, ListingStatus currentStatus) {
        super("Cannot " + action + ": the listing is " + currentStatus + ".");
        this.currentStatus = currentStatus;
    }

    ListingStatus currentStatus() {
        return currentStatus;
    }
}
