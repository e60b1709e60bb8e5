package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;

/** Creates a listing. The id is chosen by the caller so that a retried request can reuse it. */
record DraftListing(String listingId, String sellerId, ListingDetails details) {
}
