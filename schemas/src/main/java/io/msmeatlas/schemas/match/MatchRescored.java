package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;
import java.math.BigDecimal;
import java.util.List;

/** A proposed match still fits, but its score, reasons or the listing's teaser changed (an update of either side). */
@SchemaVersion(1)
public record MatchRescored(String matchId, BigDecimal score, List<String> reasons, List<MatchFactor> factors,
        ListingSummary listing) implements MatchEvent {

    public MatchRescored {
        reasons = List.copyOf(reasons);
        factors = List.copyOf(factors);
    }
}
