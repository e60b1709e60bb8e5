package io.msmeatlas.listings.listing;

/** A seller acted on someone else's listing; the client gets 403 and nothing changes. */
class NotListingOwner extends RuntimeException {

    NotListingOwner() {
        super("Only the listing's seller may do this.");
    }
}
