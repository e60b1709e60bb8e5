package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;

/**
 * The public teaser of a matched listing, so that a match is shown without the listing: never the
 * confidential legal name or contact. {@code revenue} and {@code ebitda} are the latest fiscal year's.
 */
public record ListingSummary(String title, String sectorCode, String sectorName, String section, String state,
        String city, BigDecimal askingPrice, BigDecimal revenue, BigDecimal ebitda, Category classification,
        DealType dealType) {
}
