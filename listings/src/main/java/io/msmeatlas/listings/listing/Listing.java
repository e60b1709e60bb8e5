package io.msmeatlas.listings.listing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A business offered for sale, from draft through review and the market to sold or withdrawn (the
 * lifecycle is drawn in listings/README.md). Command handlers check ownership, the client's
 * expected version and the transition, then apply events; event-sourcing handlers only assign.
 * Handlers return the version (the number of events) and status. Repeating the transition the
 * listing is already in is a no-op, so a retried request is safe.
 *
 * <p>A publication schedules its expiry as a durable deadline; the deadline's id travels in the
 * publishing event's metadata so that a later command can cancel it. An expiry that fires after the
 * listing left the market, or after a newer publication, is ignored.
 */
@Aggregate
class Listing {

    static final String EXPIRY = "listing-expiry";
    static final String EXPIRY_DEADLINE_ID = "expiryDeadlineId";

    @AggregateIdentifier
    private String id;
    private String sellerId;
    private ListingStatus status;
    private ListingDetails details;
    private long version;
    private Instant expiresAt;
    private String expiryDeadlineId;

    Listing() {
        // for Axon
    }

    @CommandHandler
    Listing(DraftListing command) {
        ListingDetails valid = requireValid(command.details(), command.today());
        UdyamClassification classification = ListingRules.classify(valid, command.today());
        apply(new ListingDrafted(command.listingId(), command.sellerId(), ListingRules.normalized(valid),
                classification));
    }

    @CommandHandler
    ListingOutcome handle(UpdateListing command) {
        requireOwner(command.requestedBy());
        requireVersion(command.expectedVersion());
        if (status == ListingStatus.SOLD || status == ListingStatus.WITHDRAWN) {
            throw new IllegalListingTransition("update", status);
        }
        long before = version;
        ListingDetails valid = requireValid(command.changes().applyTo(details), command.today());
        UdyamClassification classification = ListingRules.classify(valid, command.today());
        DetailsChange change = DetailsChange.between(details, ListingRules.normalized(valid));
        if (!change.isEmpty()) {
            apply(new ListingUpdated(id, change.after(), classification, change.changedFields()));
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(SubmitListing command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        requireVersion(command.expectedVersion());
        long before = version;
        switch (status) {
            case DRAFT, REJECTED, SUSPENDED, EXPIRED -> {
                apply(new ListingSubmitted(id));
                if (command.autoApprove()) {
                    publish(null, command.expiresAt(), deadlines);
                }
            }
            case SUBMITTED -> {
                if (command.autoApprove()) {
                    publish(null, command.expiresAt(), deadlines);
                }
            }
            case PUBLISHED -> {
                // Already where a submission leads.
            }
            default -> throw new IllegalListingTransition("submit", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(ApproveListing command, DeadlineManager deadlines) {
        requireVersion(command.expectedVersion());
        long before = version;
        if (status == ListingStatus.SUBMITTED) {
            publish(command.approvedBy(), command.expiresAt(), deadlines);
        } else if (status != ListingStatus.PUBLISHED) {
            throw new IllegalListingTransition("approve", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(RejectListing command) {
        requireVersion(command.expectedVersion());
        long before = version;
        if (status == ListingStatus.SUBMITTED) {
            apply(new ListingRejected(id, command.reason()));
        } else if (status != ListingStatus.REJECTED) {
            throw new IllegalListingTransition("reject", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(SuspendListing command, DeadlineManager deadlines) {
        requireVersion(command.expectedVersion());
        long before = version;
        if (onTheMarket()) {
            cancelExpiry(deadlines);
            apply(new ListingSuspended(id, command.reason()));
        } else if (status != ListingStatus.SUSPENDED) {
            throw new IllegalListingTransition("suspend", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(MarkUnderOffer command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        requireVersion(command.expectedVersion());
        long before = version;
        if (status == ListingStatus.PUBLISHED) {
            cancelExpiry(deadlines);
            apply(new ListingMarkedUnderOffer(id));
        } else if (status != ListingStatus.UNDER_OFFER) {
            throw new IllegalListingTransition("mark under offer", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(ReturnToMarket command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        requireVersion(command.expectedVersion());
        long before = version;
        if (status == ListingStatus.UNDER_OFFER) {
            String deadlineId = scheduleExpiry(command.expiresAt(), deadlines);
            apply(new ListingReturnedToMarket(id, command.expiresAt()), MetaData.with(EXPIRY_DEADLINE_ID, deadlineId));
        } else if (status != ListingStatus.PUBLISHED) {
            throw new IllegalListingTransition("return to market", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(MarkSold command, DeadlineManager deadlines) {
        requireOwner(command.requestedBy());
        requireVersion(command.expectedVersion());
        long before = version;
        if (onTheMarket()) {
            cancelExpiry(deadlines);
            apply(new ListingSold(id));
        } else if (status != ListingStatus.SOLD) {
            throw new IllegalListingTransition("mark sold", status);
        }
        return outcome(before);
    }

    @CommandHandler
    ListingOutcome handle(WithdrawListing command, DeadlineManager deadlines) {
        if (!command.byAdmin()) {
            requireOwner(command.requestedBy());
        }
        requireVersion(command.expectedVersion());
        long before = version;
        if (status == ListingStatus.SOLD) {
            throw new IllegalListingTransition("withdraw", status);
        }
        if (status != ListingStatus.WITHDRAWN) {
            cancelExpiry(deadlines);
            apply(new ListingWithdrawn(id, command.reason()));
        }
        return outcome(before);
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void on(ListingExpiryDue due) {
        if (status == ListingStatus.PUBLISHED && due.expiresAt().equals(expiresAt)) {
            apply(new ListingExpired(id));
        }
    }

    private void publish(String approvedBy, Instant until, DeadlineManager deadlines) {
        String deadlineId = scheduleExpiry(until, deadlines);
        apply(new ListingPublished(id, approvedBy, until), MetaData.with(EXPIRY_DEADLINE_ID, deadlineId));
    }

    private static String scheduleExpiry(Instant at, DeadlineManager deadlines) {
        return deadlines.schedule(at, EXPIRY, new ListingExpiryDue(at));
    }

    private void cancelExpiry(DeadlineManager deadlines) {
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY, expiryDeadlineId);
        }
    }

    private boolean onTheMarket() {
        return status == ListingStatus.PUBLISHED || status == ListingStatus.UNDER_OFFER;
    }

    private void requireOwner(String userId) {
        if (!sellerId.equals(userId)) {
            throw new NotListingOwner();
        }
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new VersionMismatch(expectedVersion, version);
        }
    }

    private static ListingDetails requireValid(ListingDetails details, LocalDate today) {
        List<FieldViolation> violations = ListingRules.violations(details, today);
        if (!violations.isEmpty()) {
            throw new InvalidListing(violations);
        }
        return details;
    }

    private ListingOutcome outcome(long before) {
        return new ListingOutcome(version, status, version != before);
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
    void on(ListingSubmitted event) {
        status = ListingStatus.SUBMITTED;
        version++;
    }

    @EventSourcingHandler
    void on(ListingPublished event, @MetaDataValue(EXPIRY_DEADLINE_ID) String deadlineId) {
        status = ListingStatus.PUBLISHED;
        expiresAt = event.expiresAt();
        expiryDeadlineId = deadlineId;
        version++;
    }

    @EventSourcingHandler
    void on(ListingReturnedToMarket event, @MetaDataValue(EXPIRY_DEADLINE_ID) String deadlineId) {
        status = ListingStatus.PUBLISHED;
        expiresAt = event.expiresAt();
        expiryDeadlineId = deadlineId;
        version++;
    }

    @EventSourcingHandler
    void on(ListingRejected event) {
        status = ListingStatus.REJECTED;
        version++;
    }

    @EventSourcingHandler
    void on(ListingSuspended event) {
        stopExpiring(ListingStatus.SUSPENDED);
    }

    @EventSourcingHandler
    void on(ListingMarkedUnderOffer event) {
        stopExpiring(ListingStatus.UNDER_OFFER);
    }

    @EventSourcingHandler
    void on(ListingSold event) {
        stopExpiring(ListingStatus.SOLD);
    }

    @EventSourcingHandler
    void on(ListingExpired event) {
        stopExpiring(ListingStatus.EXPIRED);
    }

    @EventSourcingHandler
    void on(ListingWithdrawn event) {
        stopExpiring(ListingStatus.WITHDRAWN);
    }

    /** The listing moves on and no longer expires: its deadline was cancelled or has fired. */
    private void stopExpiring(ListingStatus next) {
        status = next;
        expiresAt = null;
        expiryDeadlineId = null;
        version++;
    }
}
