package io.msmeatlas.schemas.valuation;

/**
 * Every event of the Valuation aggregate (one per listing, id = the listing id); sealed so that
 * subscribers' switches stay exhaustive. {@code listingVersion} is the version of the listing the
 * event is about (its number of events), so a subscriber can tell which listing state was valued.
 */
public sealed interface ValuationEvent permits ValuationCompleted, ValuationFailed, ValuationOverridden {

    String listingId();

    long listingVersion();
}
