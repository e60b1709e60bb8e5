package io.msmeatlas.valuation.valuation;

import io.msmeatlas.valuation.model.Estimate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the worker's valuation of a listing at {@code listingVersion}, unless a newer version was valued. */
public record RecordValuation(@TargetAggregateIdentifier String listingId, long listingVersion, Estimate estimate,
        String listingEventId) {
}
