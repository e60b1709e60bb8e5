package io.msmeatlas.matching.deal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.IllegalTransition;
import io.msmeatlas.matching.web.NotAllowed;
import io.msmeatlas.matching.web.VersionMismatch;
import io.msmeatlas.schemas.match.ContactsRevealed;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchFactor;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRescored;
import io.msmeatlas.schemas.match.MatchRetracted;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One buyer profile and one listing: the worker's proposal and the deal flow on it. The worker
 * proposes, re-scores and retracts (never failing: its commands are idempotent); the buyer expresses
 * interest in a proposed match; the listing's seller accepts (the contacts are revealed in the same
 * command) or declines. Accepted and declined are final; an accepted match is never retracted.
 * Repeating the step a match is already at is a no-op, so client retries are safe.
 */
@Aggregate
class Match {

    @AggregateIdentifier
    private String id;
    private String buyerId;
    private String listingId;
    private String sellerId;
    private MatchStatus status;
    private InterestStatus interest;
    private BigDecimal score;
    private List<String> reasons;
    private List<MatchFactor> factors;
    private ListingSummary listing;
    private long version;

    Match() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(ProposeMatch command) {
        long before = version;
        if (id == null || status == MatchStatus.RETRACTED) {
            apply(new MatchProposed(command.matchId(), command.profileId(), command.buyerId(), command.buyerType(),
                    command.listingId(), command.sellerId(), command.score(), command.reasons(), command.factors(),
                    command.listing()));
        } else if (score.compareTo(command.score()) != 0 || !reasons.equals(command.reasons())
                || !factors.equals(command.factors()) || !listing.equals(command.listing())) {
            apply(new MatchRescored(id, command.score(), command.reasons(), command.factors(), command.listing()));
        }
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(RetractMatch command) {
        long before = version;
        if (status == MatchStatus.PROPOSED && interest != InterestStatus.ACCEPTED) {
            apply(new MatchRetracted(id, command.reason()));
        }
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(ExpressInterest command) {
        if (!buyerId.equals(command.requestedBy())) {
            throw new NotAllowed("Only the match's buyer may express interest in it.");
        }
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        if (interest == InterestStatus.EXPRESSED) {
            return outcome(before);
        }
        if (interest != InterestStatus.NONE) {
            throw new IllegalTransition("express interest", "interest " + interest);
        }
        requireProposed("express interest");
        apply(new InterestExpressed(id, buyerId, listingId, sellerId, command.message()));
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(AcceptInterest command) {
        requireSeller(command.requestedBy());
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        if (interest == InterestStatus.ACCEPTED) {
            return outcome(before);
        }
        requireExpressed("accept");
        requireProposed("accept");
        apply(new InterestAccepted(id, buyerId, listingId, sellerId));
        apply(new ContactsRevealed(id, buyerId, listingId, sellerId, command.legalName(), command.sellerContact(),
                command.buyerContact()));
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(DeclineInterest command) {
        requireSeller(command.requestedBy());
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        if (interest == InterestStatus.DECLINED) {
            return outcome(before);
        }
        requireExpressed("decline");
        apply(new InterestDeclined(id, buyerId, listingId, sellerId, command.reason()));
        return outcome(before);
    }

    private void requireSeller(String userId) {
        if (!sellerId.equals(userId)) {
            throw new NotAllowed("Only the listing's seller may answer a buyer's interest.");
        }
    }

    private void requireExpressed(String action) {
        if (interest != InterestStatus.EXPRESSED) {
            throw new IllegalTransition(action, "interest " + interest);
        }
    }

    /** A retracted match is off the table: the listing closed, the profile paused or the fit is gone. */
    private void requireProposed(String action) {
        if (status != MatchStatus.PROPOSED) {
            throw new IllegalTransition(action, status.name());
        }
    }

    private CommandOutcome outcome(long before) {
        return new CommandOutcome(version, status.name(), interest.name(), version != before);
    }

    @EventSourcingHandler
    void on(MatchProposed event) {
        if (id == null) {
            id = event.matchId();
            buyerId = event.buyerId();
            listingId = event.listingId();
            sellerId = event.sellerId();
            interest = InterestStatus.NONE;
        }
        status = MatchStatus.PROPOSED;
        scored(event.score(), event.reasons(), event.factors(), event.listing());
    }

    @EventSourcingHandler
    void on(MatchRescored event) {
        scored(event.score(), event.reasons(), event.factors(), event.listing());
    }

    @EventSourcingHandler
    void on(MatchRetracted event) {
        status = MatchStatus.RETRACTED;
        version++;
    }

    @EventSourcingHandler
    void on(InterestExpressed event) {
        interest = InterestStatus.EXPRESSED;
        version++;
    }

    @EventSourcingHandler
    void on(InterestAccepted event) {
        interest = InterestStatus.ACCEPTED;
        version++;
    }

    @EventSourcingHandler
    void on(InterestDeclined event) {
        interest = InterestStatus.DECLINED;
        version++;
    }

    @EventSourcingHandler
    void on(ContactsRevealed event) {
        version++;
    }

    private void scored(BigDecimal score, List<String> reasons, List<MatchFactor> factors, ListingSummary listing) {
        this.score = score;
        this.reasons = reasons;
        this.factors = factors;
        this.listing = listing;
        version++;
    }
}
