package io.msmeatlas.valuation.valuation;

import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationEvent;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One valuation of a listing as the seller and administrators see it. {@code status} is VALUED (a
 * range from the model or the rules, see {@code method}), FAILED (with {@code failureCode} and
 * {@code failureReason}) or MANUAL (an administrator's {@code value} for low, mid and high, with
 * {@code note} and {@code overriddenBy}). Absent fields are left out of the JSON.
 */
record ValuationEntry(String listingId, long listingVersion, String status, String method, BigDecimal low,
        BigDecimal mid, BigDecimal high, String currency, List<ValuationReason> reasons, String inputsHash,
        String failureCode, String failureReason, String note, String overriddenBy, Instant at) {

    static final String VALUED = "VALUED";
    static final String FAILED = "FAILED";
    static final String MANUAL = "MANUAL";

    static ValuationEntry of(ValuationEvent event, Instant at) {
        if (event instanceof ValuationCompleted completed) {
            return new ValuationEntry(completed.listingId(), completed.listingVersion(), VALUED, completed.method(),
                    completed.low(), completed.mid(), completed.high(), completed.currency(), completed.reasons(),
                    completed.inputsHash(), null, null, null, null, at);
        }
        if (event instanceof ValuationFailed failed) {
            return new ValuationEntry(failed.listingId(), failed.listingVersion(), FAILED, null, null, null, null, null,
                    null, null, failed.code(), failed.reason(), null, null, at);
        }
        if (event instanceof ValuationOverridden overridden) {
            return new ValuationEntry(overridden.listingId(), overridden.listingVersion(), MANUAL, MANUAL,
                    overridden.value(), overridden.value(), overridden.value(), overridden.currency(), null, null, null,
                    null, overridden.note(), overridden.overriddenBy(), at);
        }
        throw new IllegalStateException("No entry for " + event.getClass().getName());
    }

    boolean hasRange() {
        return !FAILED.equals(status);
    }
}
