package io.msmeatlas.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Read-only queries on one service's event store tables (see event-outbox's db/event-store). */
final class EventStore {

    private static final String COLUMNS = """
            select e.global_index, e.aggregate_identifier, e.sequence_number, e.event_identifier,
                   e.payload_type, e.payload_revision, e.payload, e.meta_data, e.time_stamp, h.hash
              from %1$s.domain_event_entry e
              left join %1$s.event_hash_chain h
                on h.aggregate_id = e.aggregate_identifier and h.sequence_number = e.sequence_number
            """;

    private final Connection connection;

    EventStore(Connection connection) {
        this.connection = connection;
    }

    List<StoredEvent> aggregate(AggregateType type, String aggregateId) throws SQLException {
        return query(columns(type) + " where e.aggregate_identifier = ? order by e.sequence_number", aggregateId);
    }

    /** Every event of the type, grouped by aggregate in sequence order. */
    List<StoredEvent> all(AggregateType type) throws SQLException {
        return query(columns(type) + " order by e.aggregate_identifier, e.sequence_number");
    }

    /** Events stored in [from, to), in storage order. Axon keeps the time as ISO-8601 text, hence the cast. */
    List<StoredEvent> between(AggregateType type, Instant from, Instant to) throws SQLException {
        return query(columns(type) + """
                 where e.time_stamp::timestamptz >= ? and e.time_stamp::timestamptz < ?
                 order by e.global_index""", Timestamp.from(from), Timestamp.from(to));
    }

    /** Events the outbox relay has not yet had acknowledged by Kafka. */
    Set<String> pending(AggregateType type) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select event_id from " + quoted(type) + ".event_outbox");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Chain rows whose event is gone from the store: "aggregate#sequence event-id". */
    List<String> orphanedChainRows(AggregateType type) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select h.aggregate_id, h.sequence_number, h.event_identifier from %1$s.event_hash_chain h
                 where not exists (select 1 from %1$s.domain_event_entry e
                                    where e.aggregate_identifier = h.aggregate_id
                                      and e.sequence_number = h.sequence_number)
                 order by h.aggregate_id, h.sequence_number""".formatted(quoted(type)));
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "#" + rs.getLong(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    /** The stored chain hash of one event, if it has one. */
    Optional<byte[]> hash(AggregateType type, String aggregateId, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select hash from " + quoted(type)
                + ".event_hash_chain where aggregate_id = ? and sequence_number = ?")) {
            statement.setString(1, aggregateId);
            statement.setLong(2, sequence);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private List<StoredEvent> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.setFetchSize(500);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8),
                            Instant.parse(rs.getString(9)), rs.getBytes(10)));
                }
            }
            return events;
        }
    }

    private static String columns(AggregateType type) {
        return COLUMNS.formatted(quoted(type));
    }

    /** Schema names come from the configured map, never from the command line; quoted all the same. */
    private static String quoted(AggregateType type) {
        return '"' + type.schema().replace("\"", "") + '"';
    }
}
