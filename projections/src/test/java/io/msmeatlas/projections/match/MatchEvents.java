package io.msmeatlas.projections.match;

import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.match.ContactsRevealed;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchFactor;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.match.PartyContact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Match and buyer-profile events as the matching service publishes them. */
final class MatchEvents {

    static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
    static final PartyContact SELLER_CONTACT = new PartyContact("Anil Kulkarni", "anil@example.in", "+91 98000 00001");
    static final PartyContact BUYER_CONTACT = new PartyContact("Ravi Menon", "ravi@example.in", null);

    private MatchEvents() {
    }

    static ListingSummary summary(String title) {
        return new ListingSummary(title, "25", "Manufacture of fabricated metal products", "C", "Maharashtra", "Pune",
                new BigDecimal("65000000.00"), new BigDecimal("84000000.00"), new BigDecimal("9500000.00"), null, null);
    }

    static MatchProposed proposed(String matchId, String buyerId, String listingId, String sellerId, String score) {
        return new MatchProposed(matchId, "profile-of-" + buyerId, buyerId, BuyerType.STRATEGIC, listingId, sellerId,
                new BigDecimal(score), List.of("within budget"),
                List.of(new MatchFactor("budget", new BigDecimal("0.200"), new BigDecimal("0.200"), "within budget")),
                summary("Listing " + listingId));
    }

    static InterestExpressed interest(MatchProposed match) {
        return new InterestExpressed(match.matchId(), match.buyerId(), match.listingId(), match.sellerId(), "Hello");
    }

    static InterestAccepted accepted(MatchProposed match) {
        return new InterestAccepted(match.matchId(), match.buyerId(), match.listingId(), match.sellerId());
    }

    static ContactsRevealed revealed(MatchProposed match) {
        return new ContactsRevealed(match.matchId(), match.buyerId(), match.listingId(), match.sellerId(),
                "Shree Precision Components Pvt Ltd", SELLER_CONTACT, BUYER_CONTACT);
    }

    static BuyerProfileCreated profile(String profileId, String buyerId) {
        return new BuyerProfileCreated(profileId, buyerId, "West India", new BuyerCriteria(List.of("25"),
                List.of("Maharashtra"), null, null, new BigDecimal("80000000"), null, null, null, null, null, null,
                BuyerType.STRATEGIC), new BuyerContact("Ravi Menon", "ravi@example.in", null));
    }

    /** When the event with this sequence happened: a minute after the previous one. */
    static Instant time(long sequence) {
        return T0.plusSeconds(60 * sequence);
    }

    static Headers headers(Object event, String aggregateId, long sequence) {
        return headers(event, aggregateId, sequence, time(sequence));
    }

    static Headers headers(Object event, String aggregateId, long sequence, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        EventEnvelope.of(aggregateId + "-" + sequence, "/msmeatlas/matching", EventContracts.of(event.getClass()),
                aggregateId, time, sequence, null).writeTo(headers);
        return headers;
    }

    static byte[] payload(Object event) {
        return EventJson.write(event);
    }
}
