package io.msmeatlas.schemas.listing;

import java.math.BigDecimal;

/**
 * What a seller says about the business. Money is exact: {@link BigDecimal}, written to JSON as a
 * decimal string in the currency's major unit (e.g. "2500000.00" rupees).
 */
public record ListingDetails(
        String title,
        String sector,
        String city,
        String state,
        Integer yearEstablished,
        Integer employees,
        BigDecimal annualRevenue,
        BigDecimal ebitda,
        BigDecimal askingPrice,
        String currency,
        String description) {
}
