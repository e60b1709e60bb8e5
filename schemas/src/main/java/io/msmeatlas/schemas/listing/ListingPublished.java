package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.SchemaVersion;
import java.time.Instant;

/**
 * The listing became visible to buyers: an administrator approved it ({@code approvedBy}, their
 * user id) or moderation is off (null). It expires at {@code expiresAt} unless it goes under offer,
 * is sold or withdrawn first. v1 had neither field; upcast, both are null (it never expires).
 */
@SchemaVersion(2)
public record ListingPublished(String listingId, String approvedBy, Instant expiresAt) implements ListingEvent {
}
