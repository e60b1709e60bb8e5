package io.msmeatlas.listings.listing;

import java.time.Instant;

/**
 * The deadline a publication schedules. It carries the expiry it was scheduled for, so that a
 * deadline outlived by a newer publication (or one whose cancellation raced its firing) is ignored.
 */
record ListingExpiryDue(Instant expiresAt) {
}
