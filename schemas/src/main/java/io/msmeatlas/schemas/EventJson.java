package io.msmeatlas.schemas;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of event payloads on Kafka: money as decimal strings, times as ISO-8601,
 * nulls omitted, unknown fields ignored so that added optional fields stay backward compatible.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .withConfigOverride(BigDecimal.class,
                    o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /** Reads a current-version payload as the Java type its CloudEvents {@code type} names. */
    public static Object read(byte[] json, String ceType) {
        EventContract contract = contract(ceType);
        return read(json, contract.javaType());
    }

    /**
     * Reads a payload written at schema {@code version} (its {@code ce_dataversion}) as the current
     * Java type, upcasting it first when it is older.
     */
    public static Object read(byte[] json, String ceType, int version) {
        EventContract contract = contract(ceType);
        if (version == contract.version()) {
            return read(json, contract.javaType());
        }
        ObjectNode payload = (ObjectNode) MAPPER.readTree(json);
        return MAPPER.treeToValue(EventUpcasters.toCurrent(contract, version, payload), contract.javaType());
    }

    private static EventContract contract(String ceType) {
        return EventContracts.forCeType(ceType)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + ceType));
    }
}
