package io.msmeatlas.valuation.valuation;

import io.msmeatlas.schemas.valuation.ValuationEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A listing's valuations, read from the aggregate's own events in the event store (a handful per
 * listing), oldest first: the history is exactly what was published, never recomputed.
 */
@Component
class ValuationHistory {

    private final EventStore eventStore;

    ValuationHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<ValuationEntry> of(String listingId) {
        List<ValuationEntry> entries = new ArrayList<>();
        DomainEventStream events = eventStore.readEvents(listingId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof ValuationEvent valuation) {
                entries.add(ValuationEntry.of(valuation, event.getTimestamp()));
            }
        }
        return entries;
    }
}
