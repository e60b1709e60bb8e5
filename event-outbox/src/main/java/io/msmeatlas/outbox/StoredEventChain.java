package io.msmeatlas.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Extends each aggregate's {@link HashChain} with events just stored, on the caller's transaction.
 * It reads the rows back rather than re-serializing, so the hash covers the payload bytes as stored.
 */
class StoredEventChain {

    private static final String STORED = """
            select aggregate_identifier, sequence_number, event_identifier, payload_type, payload
              from domain_event_entry where event_identifier = any(?)
             order by aggregate_identifier, sequence_number""";
    private static final String PREVIOUS = """
            select hash from event_hash_chain where aggregate_id = ? and sequence_number = ?""";
    private static final String INSERT = """
            insert into event_hash_chain (aggregate_id, sequence_number, event_identifier, hash)
            values (?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    StoredEventChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the new hash of each event, by event identifier. */
    Map<String, byte[]> extend(List<String> eventIdentifiers) {
        Map<String, byte[]> hashes = new HashMap<>();
        if (eventIdentifiers.isEmpty()) {
            return hashes;
        }
        List<Object[]> rows = new ArrayList<>();
        String aggregate = null;
        byte[] previous = null;
        long previousSequence = -1;
        for (Stored event : jdbc.query(STORED, (rs, n) -> new Stored(rs.getString(1), rs.getLong(2),
                rs.getString(3), rs.getString(4), rs.getBytes(5)),
                (Object) eventIdentifiers.toArray(String[]::new))) {
            // Within a batch, an aggregate's events chain on each other; the first one on the stored chain.
            if (!event.aggregateId().equals(aggregate) || event.sequence() != previousSequence + 1) {
                previous = previousHash(event.aggregateId(), event.sequence());
            }
            byte[] hash = HashChain.next(previous, event.aggregateId(), event.sequence(), event.eventId(),
                    event.payloadType(), event.payload());
            rows.add(new Object[] {event.aggregateId(), event.sequence(), event.eventId(), hash});
            hashes.put(event.eventId(), hash);
            aggregate = event.aggregateId();
            previous = hash;
            previousSequence = event.sequence();
        }
        jdbc.batchUpdate(INSERT, rows);
        return hashes;
    }

    /** The committed predecessor's hash; genesis at sequence 0 or after an event stored before the chain existed. */
    private byte[] previousHash(String aggregateId, long sequence) {
        if (sequence == 0) {
            return HashChain.GENESIS;
        }
        List<byte[]> found = jdbc.query(PREVIOUS, (rs, n) -> rs.getBytes(1), aggregateId, sequence - 1);
        return found.isEmpty() ? HashChain.GENESIS : found.get(0);
    }

    private record Stored(String aggregateId, long sequence, String eventId, String payloadType, byte[] payload) {
    }
}
