package io.msmeatlas.audit;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventJson;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One row of an event store's {@code domain_event_entry}, with its chain hash if it has one. */
record StoredEvent(long globalIndex, String aggregateId, long sequence, String eventId, String payloadType,
        String payloadRevision, byte[] payload, byte[] metaData, Instant time, byte[] hash) {

    /** The simple name of the payload's class, e.g. {@code ListingDrafted}. */
    String name() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    Optional<EventContract> contract() {
        return EventContracts.all().stream().filter(c -> c.javaType().getName().equals(payloadType)).findFirst();
    }

    /** The schema version the payload was stored at: its revision, or 1 for events stored before revisions. */
    int storedVersion() {
        return payloadRevision == null ? 1 : Integer.parseInt(payloadRevision);
    }

    /**
     * The payload in its public contract form, upcast to the current schema version (as on Kafka: decimal strings, nulls omitted). The store
     * holds Axon's serialization of the same record, so it is read as that record and written again.
     */
    ObjectNode data() {
        Optional<EventContract> contract = contract();
        if (contract.isEmpty()) {
            return (ObjectNode) EventJson.mapper().readTree(payload);
        }
        return EventJson.mapper().valueToTree(EventJson.read(payload, contract.get().ceType(), storedVersion()));
    }

    /** A metadata entry ({@code userId}, {@code requestId}, {@code correlationId}, {@code traceId}), or null. */
    String meta(String key) {
        if (metaData == null || metaData.length == 0) {
            return null;
        }
        JsonNode value = EventJson.mapper().readTree(metaData).get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}
