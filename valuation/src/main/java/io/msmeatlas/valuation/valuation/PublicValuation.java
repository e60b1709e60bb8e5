package io.msmeatlas.valuation.valuation;

import java.math.BigDecimal;
import java.time.Instant;

/** What any signed-in user sees of a published listing's latest valuation: the range and how it was made. */
record PublicValuation(String listingId, long listingVersion, String method, BigDecimal low, BigDecimal mid,
        BigDecimal high, String currency, Instant at) {

    static PublicValuation of(ValuationEntry entry) {
        return new PublicValuation(entry.listingId(), entry.listingVersion(), entry.method(), entry.low(), entry.mid(),
                entry.high(), entry.currency(), entry.at());
    }
}
