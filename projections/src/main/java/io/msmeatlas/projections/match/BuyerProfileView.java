package io.msmeatlas.projections.match;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import java.time.Instant;

/** A buyer profile as its buyer (and administrators) read it. {@code status} is ACTIVE or PAUSED. */
public record BuyerProfileView(String id, String buyerId, String name, BuyerCriteria criteria, BuyerContact contact,
        String status, Instant createdAt, Instant updatedAt, long version) {

    static BuyerProfileView created(BuyerProfileCreated event, EventEnvelope envelope) {
        return new BuyerProfileView(event.profileId(), event.buyerId(), event.name(), event.criteria(), event.contact(),
                "ACTIVE", envelope.time(), envelope.time(), envelope.sequence() + 1);
    }

    /** The view after {@code event}; a creation is {@link #created}. */
    BuyerProfileView apply(BuyerProfileEvent event, EventEnvelope envelope) {
        long version = envelope.sequence() + 1;
        Instant at = envelope.time();
        if (event instanceof BuyerProfileUpdated updated) {
            return new BuyerProfileView(id, buyerId, updated.name(), updated.criteria(), updated.contact(), status,
                    createdAt, at, version);
        }
        if (event instanceof BuyerProfilePaused || event instanceof BuyerProfileResumed) {
            return new BuyerProfileView(id, buyerId, name, criteria, contact,
                    event instanceof BuyerProfilePaused ? "PAUSED" : "ACTIVE", createdAt, at, version);
        }
        throw new IllegalStateException("No projection for " + event.getClass().getName());
    }
}
