package io.msmeatlas.projections.match;

import io.msmeatlas.web.Caller;

/**
 * What a caller may see of a match or a profile. The match's buyer sees it without the seller's id
 * until the seller accepts, then with the listing's legal name and the seller's contact; the
 * listing's seller sees it without the buyer's ids until accepting, then with the buyer's contact;
 * administrators see everything. Anyone else does not see it at all (404, as if it did not exist).
 */
final class MatchAccess {

    static final String BUYER = "BUYER";
    static final String SELLER = "SELLER";
    static final String ADMIN = "ADMIN";

    private final Caller caller;

    MatchAccess(Caller caller) {
        this.caller = caller;
    }

    boolean isAdmin() {
        return caller.hasRole(ADMIN);
    }

    boolean isBuyerOf(MatchView view) {
        return caller.hasRole(BUYER) && caller.userId().equals(view.buyerId());
    }

    boolean isSellerOf(MatchView view) {
        return caller.hasRole(SELLER) && caller.userId().equals(view.sellerId());
    }

    boolean canOpen(MatchView view) {
        return isAdmin() || isBuyerOf(view) || isSellerOf(view);
    }

    boolean canOpen(BuyerProfileView view) {
        return isAdmin() || (caller.hasRole(BUYER) && caller.userId().equals(view.buyerId()));
    }

    /** The view as this caller may see it; only call after {@link #canOpen(MatchView)}. */
    MatchView represent(MatchView view) {
        if (isAdmin()) {
            return view;
        }
        boolean accepted = view.revealed() != null;
        MatchView.Revealed revealed = null;
        if (isBuyerOf(view)) {
            if (accepted) {
                revealed = new MatchView.Revealed(view.revealed().legalName(), view.revealed().sellerContact(), null,
                        view.revealed().at());
            }
            return new MatchView(view.matchId(), view.profileId(), view.buyerId(), view.buyerType(), view.listingId(),
                    accepted ? view.sellerId() : null, view.status(), view.retractedReason(), view.score(),
                    view.reasons(), view.factors(), view.listing(), view.interest(), view.interestMessage(),
                    view.interestExpressedAt(), view.decidedAt(), view.declineReason(), revealed, view.proposedAt(),
                    view.updatedAt(), view.version());
        }
        if (accepted) {
            revealed = new MatchView.Revealed(null, null, view.revealed().buyerContact(), view.revealed().at());
        }
        return new MatchView(view.matchId(), null, accepted ? view.buyerId() : null, view.buyerType(),
                view.listingId(), view.sellerId(), view.status(), view.retractedReason(), view.score(), view.reasons(),
                view.factors(), view.listing(), view.interest(), view.interestMessage(), view.interestExpressedAt(),
                view.decidedAt(), view.declineReason(), revealed, view.proposedAt(), view.updatedAt(), view.version());
    }
}
