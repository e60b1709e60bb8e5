package io.msmeatlas.projections.match;

import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.match.ContactsRevealed;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.match.MatchFactor;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.MatchRescored;
import io.msmeatlas.schemas.match.MatchRetracted;
import io.msmeatlas.schemas.match.PartyContact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One match with its deal flow, everything the events said: the whole view is for administrators;
 * {@link MatchAccess} shows the buyer and the seller their parts. {@code version} counts the events
 * applied (last {@code ce_sequence} + 1); times are the events' CloudEvents {@code time}.
 *
 * @param status PROPOSED or RETRACTED ({@code retractedReason} says why)
 * @param interest NONE, EXPRESSED, ACCEPTED or DECLINED
 * @param revealed what the seller's acceptance revealed; null before
 */
public record MatchView(
        String matchId,
        String profileId,
        String buyerId,
        BuyerType buyerType,
        String listingId,
        String sellerId,
        String status,
        String retractedReason,
        BigDecimal score,
        List<String> reasons,
        List<MatchFactor> factors,
        ListingSummary listing,
        String interest,
        String interestMessage,
        Instant interestExpressedAt,
        Instant decidedAt,
        String declineReason,
        Revealed revealed,
        Instant proposedAt,
        Instant updatedAt,
        long version) {

    public static final String PROPOSED = "PROPOSED";
    public static final String RETRACTED = "RETRACTED";
    public static final String NO_INTEREST = "NONE";

    public MatchView {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        factors = factors == null ? List.of() : List.copyOf(factors);
    }

    /** Confidential: the listing's legal name and seller contact for the buyer, the buyer's contact for the seller. */
    public record Revealed(String legalName, PartyContact sellerContact, PartyContact buyerContact, Instant at) {
    }

    static MatchView proposed(MatchProposed event, EventEnvelope envelope) {
        return new MatchView(event.matchId(), event.profileId(), event.buyerId(), event.buyerType(), event.listingId(),
                event.sellerId(), PROPOSED, null, event.score(), event.reasons(), event.factors(), event.listing(),
                NO_INTEREST, null, null, null, null, null, envelope.time(), envelope.time(), envelope.sequence() + 1);
    }

    /** Whether the match is shown in lists: standing, or with a deal on it. */
    boolean listed() {
        return PROPOSED.equals(status) || !NO_INTEREST.equals(interest);
    }

    boolean hasInterest() {
        return !NO_INTEREST.equals(interest);
    }

    /** The view after {@code event}; a first MatchProposed is {@link #proposed}. */
    MatchView apply(MatchEvent event, EventEnvelope envelope) {
        long version = envelope.sequence() + 1;
        Instant at = envelope.time();
        if (event instanceof MatchProposed proposed) {
            return new MatchView(matchId, profileId, buyerId, proposed.buyerType(), listingId, sellerId, PROPOSED, null,
                    proposed.score(), proposed.reasons(), proposed.factors(), proposed.listing(), interest,
                    interestMessage, interestExpressedAt, decidedAt, declineReason, revealed, at, at, version);
        }
        if (event instanceof MatchRescored rescored) {
            return new MatchView(matchId, profileId, buyerId, buyerType, listingId, sellerId, status, retractedReason,
                    rescored.score(), rescored.reasons(), rescored.factors(), rescored.listing(), interest,
                    interestMessage, interestExpressedAt, decidedAt, declineReason, revealed, proposedAt, at, version);
        }
        if (event instanceof MatchRetracted retracted) {
            return new MatchView(matchId, profileId, buyerId, buyerType, listingId, sellerId, RETRACTED,
                    retracted.reason().name(), score, reasons, factors, listing, interest, interestMessage,
                    interestExpressedAt, decidedAt, declineReason, revealed, proposedAt, at, version);
        }
        if (event instanceof InterestExpressed expressed) {
            return new MatchView(matchId, profileId, buyerId, buyerType, listingId, sellerId, status, retractedReason,
                    score, reasons, factors, listing, "EXPRESSED", expressed.message(), at, null, null, revealed,
                    proposedAt, at, version);
        }
        if (event instanceof InterestAccepted) {
            return decided("ACCEPTED", null, at, version);
        }
        if (event instanceof InterestDeclined declined) {
            return decided("DECLINED", declined.reason(), at, version);
        }
        if (event instanceof ContactsRevealed contacts) {
            return new MatchView(matchId, profileId, buyerId, buyerType, listingId, sellerId, status, retractedReason,
                    score, reasons, factors, listing, interest, interestMessage, interestExpressedAt, decidedAt,
                    declineReason, new Revealed(contacts.legalName(), contacts.sellerContact(),
                            contacts.buyerContact(), at), proposedAt, at, version);
        }
        throw new IllegalStateException("No projection for " + event.getClass().getName());
    }

    private MatchView decided(String outcome, String reason, Instant at, long version) {
        return new MatchView(matchId, profileId, buyerId, buyerType, listingId, sellerId, status, retractedReason,
                score, reasons, factors, listing, outcome, interestMessage, interestExpressedAt, at, reason, revealed,
                proposedAt, at, version);
    }
}
