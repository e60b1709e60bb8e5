package io.msmeatlas.projections.listing;

/**
 * What a caller gets for a listing: the {@link ListingView} itself for its seller and administrators,
 * a {@link PublicListing} (a separate record without the confidential fields) for everybody else.
 */
public sealed interface ListingRepresentation permits ListingView, PublicListing {

    String id();

    long version();
}
