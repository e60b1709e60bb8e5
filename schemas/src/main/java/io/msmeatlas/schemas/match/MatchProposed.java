package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;
import io.msmeatlas.schemas.buyer.BuyerType;
import java.math.BigDecimal;
import java.util.List;

/**
 * The matching worker found that the listing fits the buyer profile well enough: {@code score} (0 to 1,
 * three decimals) is the sum of the {@code factors}' points; {@code reasons} says why in words, most
 * weighty first. {@code listing} is the public teaser of the listing at the time. Emitted again after a
 * retraction when the pair fits again.
 */
@SchemaVersion(1)
public record MatchProposed(String matchId, String profileId, String buyerId, BuyerType buyerType, String listingId,
        String sellerId, BigDecimal score, List<String> reasons, List<MatchFactor> factors, ListingSummary listing)
        implements MatchEvent {

    public MatchProposed {
        reasons = List.copyOf(reasons);
        factors = List.copyOf(factors);
    }
}
