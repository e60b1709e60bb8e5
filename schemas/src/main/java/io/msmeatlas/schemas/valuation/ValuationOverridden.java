package io.msmeatlas.schemas.valuation;

import io.msmeatlas.schemas.SchemaVersion;
import java.math.BigDecimal;

/**
 * An administrator set the listing's valuation by hand (shown as method {@code MANUAL}): {@code value}
 * in {@code currency}, with a {@code note} saying why, for the listing version last valued. It stands
 * until the listing changes in a way that is valued again.
 */
@SchemaVersion(1)
public record ValuationOverridden(String listingId, long listingVersion, BigDecimal value, String currency,
        String note, String overriddenBy) implements ValuationEvent {
}
