package io.msmeatlas.valuation.valuation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.schemas.valuation.ValuationCompleted;
import io.msmeatlas.schemas.valuation.ValuationFailed;
import io.msmeatlas.schemas.valuation.ValuationOverridden;
import io.msmeatlas.valuation.model.Estimate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The valuations of one listing (id = the listing id), in order. It remembers the listing version it
 * last valued: a valuation of that version or an older one changes nothing, so a redelivered or
 * replayed listing event never values a listing twice, an out-of-order stale version never replaces
 * a newer one, and a replay of the listing topic never re-scores history with a newer model.
 * Handlers return whether they recorded anything.
 */
@Aggregate
class Valuation {

    @AggregateIdentifier
    private String listingId;
    private long valuedVersion;

    Valuation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordValuation command) {
        if (command.listingVersion() <= valuedVersion) {
            return false;
        }
        Estimate estimate = command.estimate();
        apply(new ValuationCompleted(command.listingId(), command.listingVersion(), estimate.low(), estimate.mid(),
                estimate.high(), Estimate.CURRENCY, estimate.method(), estimate.reasons(), estimate.inputsHash(),
                command.listingEventId()));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordValuationFailure command) {
        if (command.listingVersion() <= valuedVersion) {
            return false;
        }
        apply(new ValuationFailed(command.listingId(), command.listingVersion(), command.unusable().code(),
                command.unusable().reason(), command.listingEventId()));
        return true;
    }

    /** Replaces the latest valuation (valued or failed) until the listing is valued again. */
    @CommandHandler
    boolean handle(OverrideValuation command) {
        apply(new ValuationOverridden(listingId, valuedVersion, command.value(), Estimate.CURRENCY, command.note(),
                command.adminId()));
        return true;
    }

    @EventSourcingHandler
    void on(ValuationCompleted event) {
        listingId = event.listingId();
        valuedVersion = event.listingVersion();
    }

    @EventSourcingHandler
    void on(ValuationFailed event) {
        listingId = event.listingId();
        valuedVersion = event.listingVersion();
    }
}
