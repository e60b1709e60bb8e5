package io.msmeatlas.projections.listing;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.web.Caller;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One listing as buyers query it. {@code version} counts the events applied (last sequence + 1)
 * and is the HTTP ETag; times are the events' CloudEvents {@code time}.
 */
public record ListingView(
        String id,
        String sellerId,
        String title,
        String sector,
        String city,
        String state,
        Integer yearEstablished,
        Integer employees,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal annualRevenue,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ebitda,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal askingPrice,
        String currency,
        String description,
        ListingStatus status,
        long version,
        String lastEventId,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Instant withdrawnAt) {

    static ListingView drafted(ListingDrafted event, EventEnvelope envelope) {
        return of(event.listingId(), event.sellerId(), event.details(), ListingStatus.DRAFT, envelope,
                envelope.time(), null, null);
    }

    /** The event carries the full details after the change, so they replace the old ones. */
    ListingView updated(ListingDetails details, EventEnvelope envelope) {
        return of(id, sellerId, details, status, envelope, createdAt, publishedAt, withdrawnAt);
    }

    ListingView published(EventEnvelope envelope) {
        return of(id, sellerId, details(), ListingStatus.PUBLISHED, envelope, createdAt, envelope.time(),
                withdrawnAt);
    }

    ListingView withdrawn(EventEnvelope envelope) {
        return of(id, sellerId, details(), ListingStatus.WITHDRAWN, envelope, createdAt, publishedAt,
                envelope.time());
    }

    private ListingDetails details() {
        return new ListingDetails(title, sector, city, state, yearEstablished, employees, annualRevenue, ebitda,
                askingPrice, currency, description);
    }

    private static ListingView of(String id, String sellerId, ListingDetails d, ListingStatus status,
            EventEnvelope envelope, Instant createdAt, Instant publishedAt, Instant withdrawnAt) {
        return new ListingView(id, sellerId, d.title(), d.sector(), d.city(), d.state(), d.yearEstablished(),
                d.employees(), d.annualRevenue(), d.ebitda(), d.askingPrice(), d.currency(), d.description(),
                status, envelope.sequence() + 1, envelope.id(), createdAt, envelope.time(), publishedAt,
                withdrawnAt);
    }

    /** Published listings are for every signed-in user; the rest for their seller and administrators. */
    boolean isVisibleTo(Caller caller) {
        return status == ListingStatus.PUBLISHED || caller.userId().equals(sellerId) || caller.hasRole("ADMIN");
    }
}
