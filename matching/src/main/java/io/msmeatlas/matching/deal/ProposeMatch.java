package io.msmeatlas.matching.deal;

import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchFactor;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The worker proposes (or re-scores) the match of a profile and a listing. Idempotent. */
public record ProposeMatch(@TargetAggregateIdentifier String matchId, String profileId, String buyerId,
        BuyerType buyerType, String listingId, String sellerId, BigDecimal score, List<String> reasons,
        List<MatchFactor> factors, ListingSummary listing) {
}
