package io.msmeatlas.projections.listing;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationEvent;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.schemas.valuation.ValuationReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The latest valuation of a listing, joined from {@code msme.valuation.events}: a range from the
 * model or the rules ({@code VALUED}), a value an administrator set ({@code MANUAL}), or why the
 * listing could not be valued ({@code FAILED}, with {@code failure}). {@code listingVersion} is the
 * listing version valued; {@code sequence} orders the valuations of one listing (its
 * {@code ce_sequence}), so a redelivered or older one never replaces a newer one.
 */
public record ListingValuation(
        Status status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal mid,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
        String currency,
        String method,
        List<String> reasons,
        String failure,
        long listingVersion,
        Instant valuedAt,
        long sequence) {

    public enum Status { VALUED, MANUAL, FAILED }

    public ListingValuation {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    static ListingValuation of(ValuationEvent event, EventEnvelope envelope) {
        // One branch per permitted ValuationEvent.
        if (event instanceof ValuationCompleted valued) {
            return new ListingValuation(Status.VALUED, valued.low(), valued.mid(), valued.high(), valued.currency(),
                    valued.method(), valued.reasons().stream().map(ValuationReason::text).toList(), null,
                    valued.listingVersion(), envelope.time(), envelope.sequence());
        }
        if (event instanceof ValuationOverridden manual) {
            return new ListingValuation(Status.MANUAL, manual.value(), manual.value(), manual.value(),
                    manual.currency(), "MANUAL", manual.note() == null ? List.of() : List.of(manual.note()), null,
                    manual.listingVersion(), envelope.time(), envelope.sequence());
        }
        if (event instanceof ValuationFailed failed) {
            return new ListingValuation(Status.FAILED, null, null, null, null, null, List.of(), failed.reason(),
                    failed.listingVersion(), envelope.time(), envelope.sequence());
        }
        throw new IllegalStateException("No projection for " + event.getClass().getName());
    }

    /** Whether this one is newer than {@code current} (which may be absent). */
    boolean replaces(ListingValuation current) {
        return current == null || sequence > current.sequence();
    }
}
