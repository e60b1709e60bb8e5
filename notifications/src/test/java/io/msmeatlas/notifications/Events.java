package io.msmeatlas.notifications;

import io.msmeatlas.infra.SharedInfrastructure;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.match.MatchProposed;
import io.msmeatlas.schemas.user.UserRegistered;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The platform's events as their services publish them, sent to this JVM's broker. */
final class Events {

    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    static MatchProposed match(String buyerId, String listingId, String sellerId) {
        return new MatchProposed(UUID.randomUUID().toString(), "profile-" + buyerId, buyerId, BuyerType.STRATEGIC,
                listingId, sellerId, new BigDecimal("0.925"), List.of("within budget"), List.of(),
                new ListingSummary("CNC shop in Pune", "25", "Metals", "C", "Maharashtra", "Pune",
                        new BigDecimal("65000000"), null, null, null, null));
    }

    static ListingDrafted drafted(String listingId, String sellerId, String title) {
        return new ListingDrafted(listingId, sellerId, new ListingDetails(title, "Shree Pvt Ltd", null,
                new Sector("25", "Metals", "C", "Manufacturing"), "Maharashtra", "Pune", null, null, null, null, null,
                null, null, new BigDecimal("65000000"), "INR", DealType.FULL_SALE, null, null, null), null);
    }

    /** Sends the event under a new event id; returns the record so that a test can send it again. */
    static ProducerRecord<String, byte[]> send(Object event, String key, long sequence) {
        ProducerRecord<String, byte[]> record = record(event, key, sequence, UUID.randomUUID().toString());
        send(record);
        return record;
    }

    static ProducerRecord<String, byte[]> send(MatchEvent event) {
        return send(event, event.matchId(), 0);
    }

    static ProducerRecord<String, byte[]> send(ListingEvent event, long sequence) {
        return send(event, event.listingId(), sequence);
    }

    static void registered(String userId, String email) {
        send(new UserRegistered(userId, email, "User " + userId, "BUYER"), userId, 0);
    }

    static ProducerRecord<String, byte[]> record(Object event, String key, long sequence, String eventId) {
        String topic = event instanceof MatchEvent ? Topics.MATCH_EVENTS
                : event instanceof ListingEvent ? Topics.LISTING_EVENTS : Topics.USER_EVENTS;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventJson.write(event));
        EventEnvelope.of(eventId, "/msmeatlas/test", EventContracts.of(event.getClass()), key, Instant.now(), sequence,
                null).writeTo(record.headers());
        return record;
    }

    static synchronized void send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
