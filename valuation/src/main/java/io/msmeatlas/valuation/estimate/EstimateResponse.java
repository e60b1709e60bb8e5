package io.msmeatlas.valuation.estimate;

import io.msmeatlas.schemas.valuation.ValuationReason;
import io.msmeatlas.valuation.model.Estimate;
import java.math.BigDecimal;
import java.util.List;

/** A what-if range, as a listing's valuation would be, but stored nowhere. */
record EstimateResponse(BigDecimal low, BigDecimal mid, BigDecimal high, String currency, String method,
        List<ValuationReason> reasons, String inputsHash) {

    static EstimateResponse of(Estimate estimate) {
        return new EstimateResponse(estimate.low(), estimate.mid(), estimate.high(), Estimate.CURRENCY, estimate.method(),
                estimate.reasons(), estimate.inputsHash());
    }
}
