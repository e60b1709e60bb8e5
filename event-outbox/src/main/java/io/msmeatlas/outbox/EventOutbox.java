package io.msmeatlas.outbox;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventJson;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes published events into the outbox table, on the caller's connection and transaction, in the
 * contract's JSON form. The relay drains it to Kafka.
 */
public class EventOutbox {

    static final String INSERT = """
            insert into event_outbox (event_id, aggregate_id, aggregate_sequence, ce_type, occurred_at,
                                      correlation_id, payload, hash)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    public EventOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(List<? extends EventMessage<?>> events) {
        add(events, Map.of());
    }

    /** {@code hashes}: each event's {@link HashChain} hash by event identifier, sent as {@code ce_hash}. */
    public void add(List<? extends EventMessage<?>> events, Map<String, byte[]> hashes) {
        List<Object[]> rows = events.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(DomainEventMessage.class::cast)
                .filter(event -> isPublished(event.getPayloadType()))
                .map(event -> row(event, hashes.get(event.getIdentifier())))
                .toList();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    private static boolean isPublished(Class<?> payloadType) {
        return EventContracts.all().stream().anyMatch(c -> c.javaType().equals(payloadType));
    }

    private static Object[] row(DomainEventMessage<?> event, byte[] hash) {
        EventContract contract = EventContracts.of(event.getPayloadType());
        Object requestId = event.getMetaData().get("requestId");
        return new Object[] {
            event.getIdentifier(),
            event.getAggregateIdentifier(),
            event.getSequenceNumber(),
            contract.ceType(),
            Timestamp.from(event.getTimestamp()),
            requestId == null ? null : requestId.toString(),
            EventJson.write(event.getPayload()),
            hash
        };
    }
}
