package io.msmeatlas.outbox;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventUpcasters;
import java.util.Optional;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads events stored at an older schema version as the current one, in the event store, with the
 * same {@link EventUpcasters} the Kafka consumers use. A payload's stored revision is its schema
 * version ({@link #REVISIONS}); events stored before revisions were recorded have none and are v1.
 */
public class ContractUpcaster extends SingleEventUpcaster {

    /** Stores each published event type's {@code @SchemaVersion} as its payload revision. */
    public static final RevisionResolver REVISIONS = type -> contract(type.getName())
            .map(contract -> Integer.toString(contract.version()))
            .orElse(null);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return contract(type.getName()).filter(c -> storedVersion(type) < c.version()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        EventContract contract = contract(type.getName()).orElseThrow();
        int stored = storedVersion(type);
        return representation.upcastPayload(
                new SimpleSerializedType(type.getName(), Integer.toString(contract.version())), JsonNode.class,
                payload -> EventUpcasters.toCurrent(contract, stored, (ObjectNode) payload.deepCopy()));
    }

    private static int storedVersion(SerializedType type) {
        return type.getRevision() == null ? 1 : Integer.parseInt(type.getRevision());
    }

    private static Optional<EventContract> contract(String className) {
        return EventContracts.all().stream().filter(c -> c.javaType().getName().equals(className)).findFirst();
    }
}
