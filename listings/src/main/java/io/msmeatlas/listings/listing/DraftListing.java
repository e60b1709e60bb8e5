package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import java.time.LocalDate;

/**
 * Creates a listing. The id is chosen by the caller so that a retried request can reuse it.
 * {@code today} (in India) decides which Udyam rules classify it and bounds the years it may name.
 */
record DraftListing(String listingId, String sellerId, ListingDetails details, LocalDate today) {
}
