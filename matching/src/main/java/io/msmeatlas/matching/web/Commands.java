package io.msmeatlas.matching.web;

import io.msmeatlas.outbox.OutboxProperties;
import io.msmeatlas.outbox.OutboxRelay;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import io.msmeatlas.web.RequestIdFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a client's command with the request's metadata and turns the outcome into the HTTP answer:
 * the version as ETag and a consistency token, or a problem with the right status.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final OutboxRelay relay;
    private final OutboxProperties outbox;

    Commands(CommandGateway gateway, EventStore eventStore, OutboxRelay relay, OutboxProperties outbox) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.relay = relay;
        this.outbox = outbox;
    }

    /**
     * Sends a command to aggregate {@code id} ({@code what} names it in a 404, e.g. "Match").
     * {@code expectedVersion} is the client's If-Match (null when none): a concurrent append that beat
     * this one is then a 412 rather than a 409.
     */
    public CommandOutcome send(String what, String id, Long expectedVersion, Object command, String userId) {
        try {
            return gateway.sendAndWait(command, metaData(userId));
        } catch (AggregateNotFoundException e) {
            throw ProblemException.notFound(what, id);
        } catch (AggregateStreamCreationException e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Already exists", what + " " + id + " exists already.");
        } catch (NotAllowed e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        } catch (IllegalTransition e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Illegal transition", e.getMessage(),
                    Map.of("currentStatus", e.currentStatus()));
        } catch (VersionMismatch e) {
            throw preconditionFailed(e.currentVersion());
        } catch (InvalidRequest e) {
            throw invalid(e);
        } catch (ConcurrencyException e) {
            // Another request appended between our load and our append: nothing of ours was stored.
            if (expectedVersion != null) {
                throw preconditionFailed(currentVersion(id));
            }
            throw new ProblemException(HttpStatus.CONFLICT, "Concurrent modification",
                    "It was changed by another request at the same time. Retry.");
        }
    }

    /**
     * Sends a command that creates an aggregate; false when it exists already (a retried create with
     * the same idempotency key), which the caller answers as the first time.
     */
    public boolean create(Object command, String userId) {
        try {
            gateway.sendAndWait(command, metaData(userId));
            return true;
        } catch (AggregateStreamCreationException duplicate) {
            return false;
        } catch (InvalidRequest e) {
            throw invalid(e);
        }
    }

    /** The stored events' payloads of an aggregate, oldest first. */
    public List<Object> history(String id) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(id).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    /**
     * The answer to a command, with the version as ETag and a consistency token carrying the Kafka
     * position of the command's last event when the relay publishes it within
     * {@code atlas.outbox.await-publish-timeout}; a command that changed nothing does not wait.
     */
    public ResponseEntity<Accepted> answer(ResponseEntity.BodyBuilder response, String id, CommandOutcome outcome) {
        Duration wait = outcome.changed() ? outbox.awaitPublishTimeout() : Duration.ZERO;
        Optional<ConsistencyToken.Position> position = relay.awaitPublished(id, outcome.version() - 1, wait);
        String token = new ConsistencyToken(id, outcome.version(), position).encode();
        return response.eTag(IfMatch.etag(outcome.version()))
                .header(ConsistencyToken.HEADER, token)
                .body(new Accepted(id, outcome.version(), outcome.status(), outcome.interest(), token));
    }

    public static ProblemException invalid(InvalidRequest e) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                "The request has invalid fields.",
                Map.of("errors", e.violations().stream().map(FieldViolation::asProblemEntry).toList()));
    }

    private static ProblemException preconditionFailed(long currentVersion) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "Version mismatch",
                "It is at version " + currentVersion + ", not the one in If-Match. Nothing was changed.",
                Map.of("currentVersion", currentVersion));
    }

    private long currentVersion(String id) {
        return eventStore.lastSequenceNumberFor(id).map(sequence -> sequence + 1).orElse(0L);
    }

    private static MetaData metaData(String userId) {
        Map<String, Object> values = new HashMap<>();
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            values.put("requestId", requestId);
        }
        if (userId != null) {
            values.put("userId", userId);
        }
        return MetaData.from(values);
    }
}
