package io.msmeatlas.listings.listing;

import io.msmeatlas.web.ProblemException;
import io.msmeatlas.web.RequestIdFilter;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    ListingRequests.Accepted draft(DraftListing command) {
        try {
            gateway.sendAndWait(command, metaData(command.sellerId()));
            return new ListingRequests.Accepted(command.listingId(), 1);
        } catch (AggregateStreamCreationException duplicate) {
            // The same Idempotency-Key again: answer as the first time, with the listing as it is now.
            long version = eventStore.lastSequenceNumberFor(command.listingId()).map(seq -> seq + 1).orElse(1L);
            return new ListingRequests.Accepted(command.listingId(), version);
        }
    }

    ListingRequests.Accepted send(String listingId, Object command, String userId) {
        try {
            Long version = gateway.sendAndWait(command, metaData(userId));
            return new ListingRequests.Accepted(listingId, version);
        } catch (AggregateNotFoundException e) {
            throw ProblemException.notFound("Listing", listingId);
        } catch (NotListingOwner e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        } catch (IllegalListingTransition e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Illegal transition", e.getMessage(),
                    Map.of("currentStatus", e.currentStatus().name()));
        } catch (ConcurrencyException e) {
            // Another instance changed the listing between our load and our append: nothing was stored.
            throw new ProblemException(HttpStatus.CONFLICT, "Concurrent modification",
                    "The listing was changed by another request at the same time. Retry.");
        }
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
