package io.msmeatlas.matching.worker;

import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;

/** A buyer profile as matching keeps it, with the sequence of the last event applied. */
public record ProfileRow(String profileId, String buyerId, boolean active, long lastSequence, String name,
        BuyerCriteria criteria, BuyerContact contact) {

    public BuyerCandidate candidate() {
        return new BuyerCandidate(profileId, buyerId, criteria);
    }

    /** The row after {@code event}; null when the event does not apply (no creation seen for the profile). */
    static ProfileRow apply(ProfileRow row, BuyerProfileEvent event, long sequence) {
        if (event instanceof BuyerProfileCreated created) {
            return row != null ? null : new ProfileRow(created.profileId(), created.buyerId(), true, sequence,
                    created.name(), created.criteria(), created.contact());
        }
        if (row == null) {
            return null;
        }
        if (event instanceof BuyerProfileUpdated updated) {
            return new ProfileRow(row.profileId, row.buyerId, row.active, sequence, updated.name(), updated.criteria(),
                    updated.contact());
        }
        if (event instanceof BuyerProfilePaused || event instanceof BuyerProfileResumed) {
            return new ProfileRow(row.profileId, row.buyerId, event instanceof BuyerProfileResumed, sequence, row.name,
                    row.criteria, row.contact);
        }
        throw new IllegalStateException("No transition for " + event.getClass().getName());
    }
}
