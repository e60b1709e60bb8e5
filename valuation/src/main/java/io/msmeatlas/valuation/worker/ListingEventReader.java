package io.msmeatlas.valuation.worker;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.EventSchemaValidator;
import io.msmeatlas.schemas.listing.ListingEvent;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a record of {@code msme.listing.events} as a listing event, or names why it cannot: no
 * CloudEvents headers, a type that is not a listing event, a schema version newer than this build, a
 * payload that is not JSON or breaks the JSON Schema of its version, or a key that is not its
 * listing id. Readable payloads of older versions are upcast with {@code EventUpcasters}.
 */
final class ListingEventReader {

    private final EventSchemaValidator validator = new EventSchemaValidator();

    /** Exactly one of the two is present. */
    record Read(Optional<ListingEventRecord> event, Optional<PoisonRecord> poison) {
    }

    Read read(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
            Optional<EventContract> current = EventContracts.forCeType(envelope.type())
                    .filter(c -> ListingEvent.class.isAssignableFrom(c.javaType()));
            if (current.isEmpty()) {
                return poison(record, "Unknown event type " + envelope.type(), null);
            }
            if (record.value() == null) {
                return poison(record, "Event " + envelope.id() + " has no payload", null);
            }
            EventContract contract = current.get();
            if (envelope.dataVersion() < 1 || envelope.dataVersion() > contract.version()) {
                return poison(record, contract.name() + " v" + envelope.dataVersion() + " is not a version this build reads (1 to "
                        + contract.version() + ")", null);
            }
            EventContract published = new EventContract(contract.context(), contract.javaType(), envelope.dataVersion());
            List<String> violations = validator.violations(published, record.value());
            if (!violations.isEmpty()) {
                return poison(record, "Breaks schema " + published.dataSchema() + ": " + String.join("; ", violations), null);
            }
            ListingEvent event = (ListingEvent) EventJson.read(record.value(), envelope.type(), envelope.dataVersion());
            if (!event.listingId().equals(record.key())) {
                return poison(record, "Record key " + record.key() + " is not the listing id " + event.listingId(), null);
            }
            return new Read(Optional.of(new ListingEventRecord(envelope, event)), Optional.empty());
        } catch (RuntimeException e) {
            // Missing or malformed headers, a payload that is not JSON.
            return poison(record, "Unreadable record: " + e.getMessage(), e);
        }
    }

    private static Read poison(ConsumerRecord<String, byte[]> record, String reason, Exception cause) {
        return new Read(Optional.empty(), Optional.of(new PoisonRecord(record, reason, cause)));
    }
}
