package io.msmeatlas.matching.scoring;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.schemas.match.ListingSummary;
import java.math.BigDecimal;

/**
 * What matching knows about a listing: its public details as of its latest event. Fields an old
 * (upcast v1) listing lacks are null and score as "not stated".
 *
 * @param sectorCode the NIC section letter or division the seller chose
 * @param section the NIC section the code belongs to
 */
public record ListingFacts(String listingId, String sellerId, String title, String sectorCode, String sectorName,
        String section, String sectionName, String state, String city, BigDecimal askingPrice, BigDecimal revenue,
        BigDecimal ebitda, Category classification, DealType dealType) {

    public static ListingFacts of(String listingId, String sellerId, ListingDetails details,
            UdyamClassification classification) {
        ListingDetails.Sector sector = details.sector();
        AnnualFinancials latest = details.latestFinancials();
        return new ListingFacts(listingId, sellerId, details.title(),
                sector == null ? null : sector.code(), sector == null ? null : sector.name(),
                sector == null ? null : sector.section(), sector == null ? null : sector.sectionName(),
                details.state(), details.city(), details.askingPrice(),
                latest == null ? null : latest.revenue(), latest == null ? null : latest.ebitda(),
                classification == null ? null : classification.category(), details.dealType());
    }

    /** The public teaser a match carries; never the confidential legal name or contact. */
    public ListingSummary summary() {
        return new ListingSummary(title, sectorCode, sectorName, section, state, city, askingPrice, revenue, ebitda,
                classification, dealType);
    }
}
