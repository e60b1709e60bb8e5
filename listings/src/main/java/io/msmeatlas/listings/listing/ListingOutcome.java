package io.msmeatlas.listings.listing;

/**
 * What a command leaves: the listing's version (its number of events) and status, and whether the
 * command stored anything (a repeated transition does not).
 */
record ListingOutcome(long version, ListingStatus status, boolean changed) {
}
