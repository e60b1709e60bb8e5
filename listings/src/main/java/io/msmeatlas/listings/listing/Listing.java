package io.msmeatlas.listings.listing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A business offered for sale. Command handlers check the rule, then apply an event; event-sourcing
 * handlers only assign. Handlers return the listing's version (the number of its events), which
 * clients use as a consistency token. Repeating the transition the listing is already in is a no-op,
 * so a retried request is safe.
 */
@Aggregate
class Listing {

    @AggregateIdentifier
    private String id;
    private String sellerId;
    private ListingStatus status;
    private ListingDetails details;
    private long version;

    Listing() {
        // for Axon
    }

    @CommandHandler
    Listing(DraftListing command) {
        apply(new ListingDrafted(command.listingId(), command.sellerId(), command.details()));
    }

    @CommandHandler
    long handle(UpdateListing command) {
        requireSeller(command.requestedBy());
        if (status == ListingStatus.WITHDRAWN) {
            throw new IllegalListingTransition("update", status);
        }
        DetailsChange change = DetailsChange.of(details, command.changes());
        if (!change.isEmpty()) {
            apply(new ListingUpdated(id, change.after(), change.changedFields()));
        }
        return version;
    }

    @CommandHandler
    long handle(PublishListing command) {
        requireSeller(command.requestedBy());
        if (status == ListingStatus.WITHDRAWN) {
            throw new IllegalListingTransition("publish", status);
        }
        if (status == ListingStatus.DRAFT) {
            apply(new ListingPublished(id));
        }
        return version;
    }

    @CommandHandler
    long handle(WithdrawListing command) {
        if (!command.byAdmin()) {
            requireSeller(command.requestedBy());
        }
        if (status != ListingStatus.WITHDRAWN) {
            apply(new ListingWithdrawn(id, command.reason()));
        }
        return version;
    }

    private void requireSeller(String userId) {
        if (!sellerId.equals(userId)) {
            throw new NotListingOwner();
        }
    }

    @EventSourcingHandler
    void on(ListingDrafted event) {
        id = event.listingId();
        sellerId = event.sellerId();
        details = event.details();
        status = ListingStatus.DRAFT;
        version++;
    }

    @EventSourcingHandler
    void on(ListingUpdated event) {
        details = event.details();
        version++;
    }

    @EventSourcingHandler
    void on(ListingPublished event) {
        status = ListingStatus.PUBLISHED;
        version++;
    }

    @EventSourcingHandler
    void on(ListingWithdrawn event) {
        status = ListingStatus.WITHDRAWN;
        version++;
    }
}
