package io.msmeatlas.projections.listing;

/** Where a listing is in its life, as buyers see it. */
public enum ListingStatus {
    DRAFT,
    PUBLISHED,
    WITHDRAWN
}
