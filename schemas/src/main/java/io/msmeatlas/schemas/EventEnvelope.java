package io.msmeatlas.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes of one event, carried in Kafka headers (binary content mode: the
 * record value is the JSON payload alone, the record key the aggregate id).
 *
 * <p>Extensions: {@code ce_dataversion} (the payload's schema version), {@code ce_sequence}
 * (the event's position in its aggregate, from 0, for ordering and de-duplication) and
 * {@code ce_correlationid} (the request that caused it).
 */
public record EventEnvelope(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String dataSchema,
        int dataVersion,
        long sequence,
        String correlationId) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_DATASCHEMA = "ce_dataschema";
    public static final String CE_DATAVERSION = "ce_dataversion";
    public static final String CE_SEQUENCE = "ce_sequence";
    public static final String CE_CORRELATIONID = "ce_correlationid";
    /** Optional extension: the event's per-aggregate hash-chain value (SHA-256, lower-case hex), set by the outbox relay. */
    public static final String CE_HASH = "ce_hash";
    /** The Kafka binding maps {@code datacontenttype} to this header. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    public static EventEnvelope of(String id, String source, EventContract contract, String subject,
            Instant time, long sequence, String correlationId) {
        return new EventEnvelope(id, source, contract.ceType(), subject, time, contract.dataSchema(),
                contract.version(), sequence, correlationId);
    }

    public void writeTo(Headers headers) {
        put(headers, CE_SPECVERSION, SPEC_VERSION);
        put(headers, CE_ID, id);
        put(headers, CE_SOURCE, source);
        put(headers, CE_TYPE, type);
        put(headers, CE_SUBJECT, subject);
        put(headers, CE_TIME, time.toString());
        put(headers, CONTENT_TYPE_HEADER, CONTENT_TYPE);
        if (dataSchema != null) {
            put(headers, CE_DATASCHEMA, dataSchema);
        }
        put(headers, CE_DATAVERSION, Integer.toString(dataVersion));
        put(headers, CE_SEQUENCE, Long.toString(sequence));
        if (correlationId != null) {
            put(headers, CE_CORRELATIONID, correlationId);
        }
    }

    /** Reads the envelope of a record; throws {@link IllegalArgumentException} naming a missing attribute. */
    public static EventEnvelope readFrom(Headers headers) {
        return new EventEnvelope(
                required(headers, CE_ID),
                required(headers, CE_SOURCE),
                required(headers, CE_TYPE),
                required(headers, CE_SUBJECT),
                Instant.parse(required(headers, CE_TIME)),
                text(headers, CE_DATASCHEMA),
                Integer.parseInt(required(headers, CE_DATAVERSION)),
                Long.parseLong(required(headers, CE_SEQUENCE)),
                text(headers, CE_CORRELATIONID));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String key) {
        String value = text(headers, key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing CloudEvents attribute " + key);
        }
        return value;
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
