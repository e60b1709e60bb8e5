package io.msmeatlas.notifications.intake;

import io.msmeatlas.notifications.Deliveries;
import io.msmeatlas.notifications.Draft;
import io.msmeatlas.notifications.Notification;
import io.msmeatlas.notifications.push.Broadcaster;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.user.UserEvent;
import io.msmeatlas.schemas.user.UserRegistered;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Turns the platform's events into notifications: match and deal-flow events (to the buyer or the
 * seller they name), listing moderation and expiry (to the seller), valuations (to the seller). It also
 * keeps the directories it needs: listing owners and titles, users' email addresses.
 *
 * <p>Each record is handled in one transaction (directories, inbox rows, queued emails) and the offset
 * committed after it (ack mode RECORD); the new notifications are then pushed. A redelivered event
 * finds its notifications stored already and adds, pushes and emails nothing. Events from before this
 * service's first start ({@code intake_state}) only fill the directories.
 */
public class Intake {

    private static final EventSchemaValidator SCHEMAS = new EventSchemaValidator();

    private final ListingOwners owners;
    private final Recipients recipients;
    private final Deliveries deliveries;
    private final Broadcaster broadcaster;
    private final TransactionTemplate transaction;
    private final Instant notifyFrom;
    private final Planner planner;
    private final String valuationTopic;

    public Intake(ListingOwners owners, Recipients recipients, Deliveries deliveries, Broadcaster broadcaster,
            TransactionTemplate transaction, Instant notifyFrom, String valuationTopic) {
        this.owners = owners;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.broadcaster = broadcaster;
        this.transaction = transaction;
        this.notifyFrom = notifyFrom;
        this.valuationTopic = valuationTopic;
        this.planner = new Planner(owners::of);
    }

    @KafkaListener(id = "notifications-intake", groupId = "${spring.kafka.consumer.group-id}", topics = {"msme.match.events", "msme.listing.events",
            "msme.user.events", "${atlas.notifications.valuation-topic:msme.valuation.events}"})
    public void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.readFrom(record.headers());
        } catch (RuntimeException e) {
            throw new PoisonRecord("No readable CloudEvents headers: " + e.getMessage(), e);
        }
        if (record.value() == null) {
            throw new PoisonRecord("Event " + envelope.id() + " has no payload", null);
        }
        List<Notification> added = transaction.execute(status -> handle(record.topic(), envelope, record.value()));
        if (added != null) {
            added.forEach(broadcaster::publish);
        }
    }

    private List<Notification> handle(String topic, EventEnvelope envelope, byte[] payload) {
        boolean notify = !envelope.time().isBefore(notifyFrom);
        Optional<EventContract> contract = EventContracts.forCeType(envelope.type());
        if (contract.isEmpty()) {
            // Kept in the dead-letter topic rather than dropped: after an upgrade it can be re-driven.
            throw new PoisonRecord("Unknown event type " + envelope.type(), null);
        }
        Optional<String> unreadable = SCHEMAS.whyUnreadable(contract.get(), envelope, payload);
        if (unreadable.isPresent()) {
            throw new PoisonRecord(unreadable.get(), null);
        }
        if (topic.equals(valuationTopic)) {
            JsonNode json = read(envelope, () -> EventJson.mapper().readTree(payload));
            return notify ? deliveries.deliver(planner.valuation(envelope.type(), json, envelope.id())) : List.of();
        }
        Object event = read(envelope, () -> EventJson.read(payload, envelope.type(), envelope.dataVersion()));
        List<Draft> drafts = List.of();
        if (event instanceof UserRegistered registered) {
            recipients.registered(registered.userId(), registered.email(), registered.displayName());
        } else if (event instanceof ListingEvent listing) {
            remember(listing, envelope.sequence());
            drafts = planner.listing(listing, envelope.id());
        } else if (event instanceof MatchEvent match) {
            drafts = planner.match(match, envelope.id());
        } else if (!(event instanceof UserEvent)) {
            return List.of();
        }
        return notify ? deliveries.deliver(drafts) : List.of();
    }

    private void remember(ListingEvent event, long sequence) {
        if (event instanceof ListingDrafted drafted) {
            owners.drafted(drafted.listingId(), drafted.sellerId(), drafted.details().title(), sequence);
        } else if (event instanceof ListingUpdated updated) {
            owners.retitled(updated.listingId(), updated.details().title(), sequence);
        }
    }

    private static <T> T read(EventEnvelope envelope, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            throw new PoisonRecord("Event " + envelope.id() + " of type " + envelope.type() + " v"
                    + envelope.dataVersion() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
