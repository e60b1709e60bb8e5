package io.msmeatlas.valuation.valuation;

import io.msmeatlas.valuation.model.Unusable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the listing at {@code listingVersion} cannot be valued, unless a newer version was valued. */
public record RecordValuationFailure(@TargetAggregateIdentifier String listingId, long listingVersion,
        Unusable unusable, String listingEventId) {
}
