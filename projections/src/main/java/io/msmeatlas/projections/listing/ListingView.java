package io.msmeatlas.projections.listing;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One listing with everything the seller said about it (the full representation, for its seller and
 * administrators; {@link PublicListing} is what everybody else gets). {@code version} counts the
 * events applied (last {@code ce_sequence} + 1) and is the HTTP ETag; times are the events'
 * CloudEvents {@code time}. {@code closedAt} is when it was sold, withdrawn or expired.
 */
public record ListingView(
        String id,
        String sellerId,
        String title,
        String legalName,
        Contact contact,
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
        String moderationNote,
        String approvedBy,
        long version,
        String lastEventId,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant publishedAt,
        Instant expiresAt,
        Instant closedAt) implements ListingRepresentation {

    public ListingView {
        financials = financials == null ? List.of() : List.copyOf(financials);
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    /** One fiscal year of the business, as in the events; money as decimal strings. */
    public record Financials(
            Integer fiscalYear,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exports,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ebitda,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal netProfit,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sde) {

        static Financials of(AnnualFinancials year) {
            return new Financials(year.fiscalYear(), year.revenue(), year.exports(), year.ebitda(), year.netProfit(),
                    year.sde());
        }
    }

    /** The Udyam category the listings service derived, with the inputs and rules it used. */
    public record Classification(
            Category category,
            String ruleVersion,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal investment,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal turnover) {

        static Classification of(UdyamClassification classification) {
            return classification == null ? null : new Classification(classification.category(),
                    classification.ruleVersion(), classification.investment(), classification.turnover());
        }
    }

    static ListingView drafted(ListingDrafted event, EventEnvelope envelope) {
        return new Builder(event.listingId(), event.sellerId(), envelope.time())
                .details(event.details(), event.classification())
                .build(envelope);
    }

    /** The event carries the full details after the change and their classification: both replace the old. */
    ListingView updated(ListingDetails details, UdyamClassification classification, EventEnvelope envelope) {
        return toBuilder().details(details, classification).build(envelope);
    }

    ListingView submitted(EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = ListingStatus.SUBMITTED;
        next.submittedAt = envelope.time();
        next.moderationNote = null;
        next.closedAt = null;
        return next.build(envelope);
    }

    ListingView published(String approvedBy, Instant expiresAt, EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = ListingStatus.PUBLISHED;
        next.publishedAt = envelope.time();
        next.approvedBy = approvedBy;
        next.expiresAt = expiresAt;
        next.moderationNote = null;
        next.closedAt = null;
        return next.build(envelope);
    }

    /** Rejected or suspended, with the administrator's reason for the seller. */
    ListingView moderated(ListingStatus status, String reason, EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = status;
        next.moderationNote = reason;
        return next.build(envelope);
    }

    ListingView underOffer(EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = ListingStatus.UNDER_OFFER;
        next.expiresAt = null;
        return next.build(envelope);
    }

    ListingView returnedToMarket(Instant expiresAt, EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = ListingStatus.PUBLISHED;
        next.expiresAt = expiresAt;
        return next.build(envelope);
    }

    /** Sold, withdrawn or expired: off the market since the event's time. */
    ListingView closed(ListingStatus status, EventEnvelope envelope) {
        Builder next = toBuilder();
        next.status = status;
        next.closedAt = envelope.time();
        if (status == ListingStatus.SOLD) {
            next.expiresAt = null;
        }
        return next.build(envelope);
    }

    /** The latest valuation joined in; the listing's own version and history are untouched. */
    ListingView valued(ListingValuation latest) {
        Builder next = toBuilder();
        next.valuation = latest;
        return next.buildKeeping(version, lastEventId, updatedAt);
    }

    /**
     * The read model's entity tag: the listing version, and the sequence of the valuation joined in
     * (a new valuation changes the representation, not the listing): {@code "7"} or {@code "7.2"}.
     */
    String etag() {
        return "\"" + version + (valuation == null ? "" : "." + valuation.sequence()) + "\"";
    }

    /** The most recent fiscal year, if any. */
    Financials latestFinancials() {
        return financials.isEmpty() ? null : financials.get(0);
    }

    BigDecimal latestRevenue() {
        Financials latest = latestFinancials();
        return latest == null ? null : latest.revenue();
    }

    BigDecimal latestEbitda() {
        Financials latest = latestFinancials();
        return latest == null ? null : latest.ebitda();
    }

    /** When buyers first saw it in its current run: its publication, else (never published) its creation. */
    Instant listedAt() {
        return publishedAt != null ? publishedAt : createdAt;
    }

    private Builder toBuilder() {
        Builder builder = new Builder(id, sellerId, createdAt);
        builder.title = title;
        builder.legalName = legalName;
        builder.contact = contact;
        builder.sector = sector;
        builder.state = state;
        builder.city = city;
        builder.yearEstablished = yearEstablished;
        builder.employees = employees;
        builder.legalStructure = legalStructure;
        builder.plantAndMachineryInvestment = plantAndMachineryInvestment;
        builder.financials = financials;
        builder.assets = assets;
        builder.debt = debt;
        builder.askingPrice = askingPrice;
        builder.currency = currency;
        builder.dealType = dealType;
        builder.reasonForSale = reasonForSale;
        builder.highlights = highlights;
        builder.description = description;
        builder.classification = classification;
        builder.valuation = valuation;
        builder.status = status;
        builder.moderationNote = moderationNote;
        builder.approvedBy = approvedBy;
        builder.submittedAt = submittedAt;
        builder.publishedAt = publishedAt;
        builder.expiresAt = expiresAt;
        builder.closedAt = closedAt;
        return builder;
    }

    /** The next state of a view; every transition goes through here so no field is forgotten. */
    private static final class Builder {
        private final String id;
        private final String sellerId;
        private final Instant createdAt;
        private String title;
        private String legalName;
        private Contact contact;
        private Sector sector;
        private String state;
        private String city;
        private Integer yearEstablished;
        private Integer employees;
        private LegalStructure legalStructure;
        private BigDecimal plantAndMachineryInvestment;
        private List<Financials> financials;
        private BigDecimal assets;
        private BigDecimal debt;
        private BigDecimal askingPrice;
        private String currency;
        private DealType dealType;
        private String reasonForSale;
        private List<String> highlights;
        private String description;
        private Classification classification;
        private ListingValuation valuation;
        private ListingStatus status = ListingStatus.DRAFT;
        private String moderationNote;
        private String approvedBy;
        private Instant submittedAt;
        private Instant publishedAt;
        private Instant expiresAt;
        private Instant closedAt;

        private Builder(String id, String sellerId, Instant createdAt) {
            this.id = id;
            this.sellerId = sellerId;
            this.createdAt = createdAt;
        }

        private Builder details(ListingDetails d, UdyamClassification udyam) {
            title = d.title();
            legalName = d.legalName();
            contact = d.contact();
            sector = d.sector();
            state = d.state();
            city = d.city();
            yearEstablished = d.yearEstablished();
            employees = d.employees();
            legalStructure = d.legalStructure();
            plantAndMachineryInvestment = d.plantAndMachineryInvestment();
            financials = d.financials().stream().map(Financials::of).toList();
            assets = d.assets();
            debt = d.debt();
            askingPrice = d.askingPrice();
            currency = d.currency();
            dealType = d.dealType();
            reasonForSale = d.reasonForSale();
            highlights = d.highlights();
            description = d.description();
            classification = Classification.of(udyam);
            return this;
        }

        private ListingView build(EventEnvelope envelope) {
            return buildKeeping(envelope.sequence() + 1, envelope.id(), envelope.time());
        }

        private ListingView buildKeeping(long version, String lastEventId, Instant updatedAt) {
            return new ListingView(id, sellerId, title, legalName, contact, sector, state, city, yearEstablished,
                    employees, legalStructure, plantAndMachineryInvestment, financials, assets, debt, askingPrice,
                    currency, dealType, reasonForSale, highlights, description, classification, valuation, status,
                    moderationNote, approvedBy, version, lastEventId, createdAt, updatedAt, submittedAt, publishedAt,
                    expiresAt, closedAt);
        }
    }
}
