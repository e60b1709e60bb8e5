package io.msmeatlas.schemas.valuation;

import io.msmeatlas.schemas.SchemaVersion;
import java.math.BigDecimal;
import java.util.List;

/**
 * A listing at {@code listingVersion} was valued: a range {@code low} ≤ {@code mid} ≤ {@code high}
 * (p10, p50 and p90 of the model; the rule-based fallback's own band) in {@code currency}.
 * {@code method} is {@code xgboost:<model-version>} or {@code rules:<version>}; {@code reasons} are
 * the inputs that moved the value most, largest first, in words; {@code inputsHash} is the SHA-256 of
 * the canonical inputs, so the same inputs are recognisable across valuations. {@code listingEventId}
 * is the {@code ce_id} of the listing event that was valued.
 */
@SchemaVersion(1)
public record ValuationCompleted(String listingId, long listingVersion, BigDecimal low, BigDecimal mid,
        BigDecimal high, String currency, String method, List<ValuationReason> reasons, String inputsHash,
        String listingEventId) implements ValuationEvent {

    public ValuationCompleted {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
