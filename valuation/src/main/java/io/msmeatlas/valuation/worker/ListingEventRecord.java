package io.msmeatlas.valuation.worker;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingEvent;

/** A readable listing event, upcast to the current schema version, with its CloudEvents envelope. */
record ListingEventRecord(EventEnvelope envelope, ListingEvent event) {

    /** The listing's version after this event: its number of events ({@code ce_sequence} counts from 0). */
    long listingVersion() {
        return envelope.sequence() + 1;
    }
}
