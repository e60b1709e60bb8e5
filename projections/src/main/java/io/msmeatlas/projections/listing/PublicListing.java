package io.msmeatlas.projections.listing;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.msmeatlas.projections.listing.ListingView.Classification;
import io.msmeatlas.projections.listing.ListingView.Financials;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The public teaser of a listing, for callers who are neither its seller nor an administrator. It has
 * no legal name, contact, seller id or moderation details: fields are copied in one by one, so a
 * field added to {@link ListingView} stays private until it is added here on purpose.
 */
public record PublicListing(
        String id,
        String title,
        Sector sector,
        String state,
        String city,
        Integer yearEstablished,
        Integer employees,
        LegalStructure legalStructure,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plantAndMachineryInvestment,
        List<Financials> financials,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal assets,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal debt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal askingPrice,
        String currency,
        DealType dealType,
        String reasonForSale,
        List<String> highlights,
        String description,
        Classification classification,
        ListingValuation valuation,
        ListingStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant expiresAt,
        Instant closedAt) implements ListingRepresentation {

    static PublicListing of(ListingView v) {
        return new PublicListing(v.id(), v.title(), v.sector(), v.state(), v.city(), v.yearEstablished(),
                v.employees(), v.legalStructure(), v.plantAndMachineryInvestment(), v.financials(), v.assets(),
                v.debt(), v.askingPrice(), v.currency(), v.dealType(), v.reasonForSale(), v.highlights(),
                v.description(), v.classification(), v.valuation(), v.status(), v.version(), v.createdAt(), v.updatedAt(),
                v.publishedAt(), v.expiresAt(), v.closedAt());
    }
}
