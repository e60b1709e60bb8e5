package io.msmeatlas.listings.listing;

import io.msmeatlas.web.ProblemException;
import io.msmeatlas.web.RequestIdFilter;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Sends listing commands with the request's metadata and turns their outcomes into HTTP answers. */
@Component
class ListingCommands {

    private final CommandGateway gateway;
    private final EventStore eventStore;

    ListingCommands(CommandGateway gateway, EventStore eventStore) {
        this.gateway = gateway;
        this.eventStore = eventStore;
    }

    ListingOutcome draft(DraftListing command) {
        try {
            gateway.sendAndWait(command, metaData(command.sellerId()));
            return new ListingOutcome(1, ListingStatus.DRAFT, true);
        } catch (AggregateStreamCreationException duplicate) {
            // The same Idempotency-Key again: answer as the first time, with the listing as it is now.
            return replay(command.listingId());
        } catch (InvalidListing e) {
            throw invalid(e);
        }
    }

    /**
     * Sends a command to an existing listing. {@code expectedVersion} is the client's If-Match (null
     * when none): a conflicting concurrent append is then a 412 rather than a 409.
     */
    ListingOutcome send(String listingId, Long expectedVersion, Object command, String userId) {
        try {
            return gateway.sendAndWait(command, metaData(userId));
        } catch (AggregateNotFoundException e) {
            throw ProblemException.notFound("Listing", listingId);
        } catch (NotListingOwner e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        } catch (IllegalListingTransition e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Illegal transition", e.getMessage(),
                    Map.of("currentStatus", e.currentStatus().name()));
        } catch (VersionMismatch e) {
            throw preconditionFailed(e.currentVersion());
        } catch (InvalidListing e) {
            throw invalid(e);
        } catch (ConcurrencyException e) {
            // Another instance appended between our load and our append: nothing of ours was stored.
            if (expectedVersion != null) {
                throw preconditionFailed(currentVersion(listingId));
            }
            throw new ProblemException(HttpStatus.CONFLICT, "Concurrent modification",
                    "The listing was changed by another request at the same time. Retry.");
        }
    }

    static ProblemException invalid(InvalidListing e) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                "The request has invalid fields.",
                Map.of("errors", e.violations().stream().map(FieldViolation::asProblemEntry).toList()));
    }

    private static ProblemException preconditionFailed(long currentVersion) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "Version mismatch",
                "The listing is at version " + currentVersion + ", not the one in If-Match. Nothing was changed.",
                Map.of("currentVersion", currentVersion));
    }

    private long currentVersion(String listingId) {
        return eventStore.lastSequenceNumberFor(listingId).map(sequence -> sequence + 1).orElse(0L);
    }

    /** The listing's version and status from its stored events. */
    private ListingOutcome replay(String listingId) {
        long version = 0;
        ListingStatus status = ListingStatus.DRAFT;
        DomainEventStream events = eventStore.readEvents(listingId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            status = status.after(event.getPayload());
            version++;
        }
        return new ListingOutcome(version, status, false);
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
