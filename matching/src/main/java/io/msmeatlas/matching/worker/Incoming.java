package io.msmeatlas.matching.worker;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.listing.ListingEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.messaging.MetaData;

/**
 * A listing or buyer-profile event the worker acts on, read from its record: the payload at the schema
 * version its {@code ce_dataversion} names, upcast to the current one. Other event types (the matches'
 * own, types from a newer producer) are not for the worker: empty.
 */
record Incoming(EventEnvelope envelope, Object event) {

    private static final EventSchemaValidator SCHEMAS = new EventSchemaValidator();

    static Optional<Incoming> read(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EventEnvelope.readFrom(record.headers());
        } catch (RuntimeException e) {
            throw new PoisonRecord("No readable CloudEvents headers: " + e.getMessage(), e);
        }
        Optional<EventContract> known = EventContracts.forCeType(envelope.type());
        if (known.isEmpty()) {
            // Kept in the dead-letter topic rather than dropped: after an upgrade it can be re-driven.
            throw new PoisonRecord("Unknown event type " + envelope.type(), null);
        }
        Optional<EventContract> contract = known.filter(c -> ListingEvent.class.isAssignableFrom(c.javaType())
                || BuyerProfileEvent.class.isAssignableFrom(c.javaType()));
        if (contract.isEmpty()) {
            // The matches' own events share the topic with the profiles': nothing for the worker.
            return Optional.empty();
        }
        if (record.value() == null) {
            throw new PoisonRecord("Event " + envelope.id() + " has no payload", null);
        }
        Optional<String> unreadable = SCHEMAS.whyUnreadable(contract.get(), envelope, record.value());
        if (unreadable.isPresent()) {
            throw new PoisonRecord(unreadable.get(), null);
        }
        Object event;
        try {
            event = EventJson.read(record.value(), envelope.type(), envelope.dataVersion());
        } catch (RuntimeException e) {
            throw new PoisonRecord("Event " + envelope.id() + " of type " + envelope.type() + " v"
                    + envelope.dataVersion() + " cannot be read: " + e.getMessage(), e);
        }
        String aggregateId = event instanceof ListingEvent listing ? listing.listingId()
                : ((BuyerProfileEvent) event).profileId();
        if (!aggregateId.equals(record.key())) {
            throw new PoisonRecord("Record key " + record.key() + " is not the aggregate id " + aggregateId
                    + " of event " + envelope.id(), null);
        }
        return Optional.of(new Incoming(envelope, event));
    }

    /** The cause of the worker's commands: the request behind the event, for the matches' correlation id. */
    MetaData cause() {
        Map<String, Object> values = new HashMap<>();
        values.put("userId", "matching-worker");
        if (envelope.correlationId() != null) {
            values.put("requestId", envelope.correlationId());
        }
        return MetaData.from(values);
    }
}
