package io.msmeatlas.listings.listing;

enum ListingStatus {
    DRAFT, PUBLISHED, WITHDRAWN
}
