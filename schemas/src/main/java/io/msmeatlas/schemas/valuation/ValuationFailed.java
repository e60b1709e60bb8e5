package io.msmeatlas.schemas.valuation;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * The listing at {@code listingVersion} cannot be valued from what it says: {@code code} names the
 * gap for programs (e.g. {@code NO_FINANCIALS}, {@code NO_EARNINGS}, {@code UNKNOWN_SECTOR}) and
 * {@code reason} explains it to the seller. A later update that fills the gap is valued again.
 */
@SchemaVersion(1)
public record ValuationFailed(String listingId, long listingVersion, String code, String reason,
        String listingEventId) implements ValuationEvent {
}
