package io.msmeatlas.listings.listing;

/** Request and response bodies of the listing commands besides the listing itself ({@link ListingForm}). */
final class ListingRequests {

    private ListingRequests() {
    }

    /** Why an administrator rejects or suspends a listing (required), or why it is withdrawn (optional). */
    record Reason(String reason) {
    }

    /**
     * What every command answers: the listing, its version and status after the command, and the
     * token a client hands the read side to see this command's effect (also in the X-Consistency-Token header).
     */
    record Accepted(String id, long version, ListingStatus status, String consistencyToken) {
    }
}
