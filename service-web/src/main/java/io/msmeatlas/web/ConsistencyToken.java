package io.msmeatlas.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a command response hands the client so that its next query sees the command's effect: the
 * Kafka position of the last event the command produced ({@code topic}, {@code partition},
 * {@code offset}) when it was published in time, and always the aggregate and its version after the
 * command. A read model that presents it waits until it has processed past the position (or, when
 * there is none yet, until it holds the aggregate at that version).
 *
 * <p>Clients treat it as opaque: it is sent back unchanged in the {@value #HEADER} header. On the wire
 * it is base64url of {@code v1;a=<aggregateId>@<version>[;p=<topic>/<partition>/<offset>]}.
 */
public record ConsistencyToken(String aggregateId, long version, Optional<Position> position) {

    public static final String HEADER = "X-Consistency-Token";

    /** Where in Kafka the command's last event is. */
    public record Position(String topic, int partition, long offset) {
    }

    public ConsistencyToken {
        if (aggregateId == null || aggregateId.isEmpty() || aggregateId.contains(";") || version < 1) {
            throw new IllegalArgumentException("A consistency token needs an aggregate id and a version ≥ 1");
        }
        position = position == null ? Optional.empty() : position;
    }

    public static ConsistencyToken of(String aggregateId, long version) {
        return new ConsistencyToken(aggregateId, version, Optional.empty());
    }

    public ConsistencyToken at(String topic, int partition, long offset) {
        return new ConsistencyToken(aggregateId, version, Optional.of(new Position(topic, partition, offset)));
    }

    public String encode() {
        StringBuilder text = new StringBuilder("v1;a=").append(aggregateId).append('@').append(version);
        position.ifPresent(p -> text.append(";p=").append(p.topic()).append('/').append(p.partition()).append('/')
                .append(p.offset()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The token a client sent; a malformed one is the client's mistake (a 400). */
    public static ConsistencyToken decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            Map<String, String> parts = new TreeMap<>();
            String[] fields = text.split(";");
            if (!"v1".equals(fields[0])) {
                throw new IllegalArgumentException("unknown version");
            }
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                parts.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            String aggregate = parts.get("a");
            int at = aggregate.lastIndexOf('@');
            ConsistencyToken decoded = of(aggregate.substring(0, at), Long.parseLong(aggregate.substring(at + 1)));
            String position = parts.get("p");
            if (position == null) {
                return decoded;
            }
            int lastSlash = position.lastIndexOf('/');
            int partitionSlash = position.lastIndexOf('/', lastSlash - 1);
            return decoded.at(position.substring(0, partitionSlash),
                    Integer.parseInt(position.substring(partitionSlash + 1, lastSlash)),
                    Long.parseLong(position.substring(lastSlash + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "Invalid consistency token",
                    "The " + HEADER + " header is not a token this platform issued.");
        }
    }
}
