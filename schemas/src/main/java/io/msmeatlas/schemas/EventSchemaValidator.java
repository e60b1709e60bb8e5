package io.msmeatlas.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Checks a payload against the JSON Schema file of its event type and version. */
public final class EventSchemaValidator {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** The violations, each naming the JSON path and the rule; empty when the payload conforms. */
    public List<String> violations(EventContract contract, byte[] json) {
        Schema schema = schemas.computeIfAbsent(contract.schemaResource(), this::load);
        List<Error> errors = schema.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /**
     * Why a consumer cannot take this payload as the version its envelope names (a version this build
     * does not know, or a schema violation), or empty when it can: what consumers send to their
     * dead-letter topic instead of guessing.
     */
    public Optional<String> whyUnreadable(EventContract current, EventEnvelope envelope, byte[] payload) {
        if (envelope.dataVersion() < 1 || envelope.dataVersion() > current.version()) {
            return Optional.of(current.name() + " v" + envelope.dataVersion() + " is not a version this build reads (1 to "
                    + current.version() + ")");
        }
        EventContract published = new EventContract(current.context(), current.javaType(), envelope.dataVersion());
        try {
            List<String> problems = violations(published, payload);
            return problems.isEmpty() ? Optional.empty()
                    : Optional.of("Breaks schema " + published.dataSchema() + ": " + String.join("; ", problems));
        } catch (RuntimeException unreadable) {
            return Optional.of("Event " + envelope.id() + " is not JSON: " + unreadable.getMessage());
        }
    }

    private Schema load(String resource) {
        try (InputStream in = EventSchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No schema file " + resource);
            }
            return registry.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
