package io.msmeatlas.valuation.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingMarkedUnderOffer;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingSold;
import io.msmeatlas.schemas.listing.ListingSubmitted;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.schemas.listing.ListingWithdrawn;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.valuation.listing.KnownListings;
import io.msmeatlas.valuation.model.Estimate;
import io.msmeatlas.valuation.model.InputsReader;
import io.msmeatlas.valuation.model.Outcome;
import io.msmeatlas.valuation.model.ReadResult;
import io.msmeatlas.valuation.model.Unusable;
import io.msmeatlas.valuation.model.Valuer;
import io.msmeatlas.valuation.valuation.RecordValuation;
import io.msmeatlas.valuation.valuation.RecordValuationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values listings from a batch of {@code msme.listing.events} records:
 * <ol>
 *   <li>reads each record ({@link ListingEventReader}); the unreadable ones go to the dead-letter
 *       topic, last, so a retried batch does not send them twice;</li>
 *   <li>records each listing's seller and status ({@link KnownListings});</li>
 *   <li>keeps, per listing, the latest version that calls for a valuation ({@link ValuationTriggers})
 *       and is newer than the version last valued: redelivered, replayed and stale events drop out
 *       here, before any scoring;</li>
 *   <li>values them all at once (one DMatrix) and sends each result to its Valuation aggregate,
 *       which records it only if no newer version was valued meanwhile.</li>
 * </ol>
 * Any other failure (PostgreSQL down) throws, and the batch is retried as a whole: every step is
 * idempotent. The listener commits the offsets after this returns.
 */
final class ValuationWorker {

    private static final Logger log = LoggerFactory.getLogger(ValuationWorker.class);
    private static final int CONFLICT_RETRIES = 3;
    private static final Map<Class<?>, String> STATUS_AFTER = Map.ofEntries(
            Map.entry(ListingDrafted.class, "DRAFT"), Map.entry(ListingSubmitted.class, "SUBMITTED"),
            Map.entry(ListingPublished.class, "PUBLISHED"), Map.entry(ListingRejected.class, "REJECTED"),
            Map.entry(ListingSuspended.class, "SUSPENDED"), Map.entry(ListingMarkedUnderOffer.class, "UNDER_OFFER"),
            Map.entry(ListingReturnedToMarket.class, "PUBLISHED"), Map.entry(ListingSold.class, "SOLD"),
            Map.entry(ListingExpired.class, "EXPIRED"), Map.entry(ListingWithdrawn.class, "WITHDRAWN"));

    private final ListingEventReader reader = new ListingEventReader();
    private final KnownListings listings;
    private final InputsReader inputs;
    private final Valuer valuer;
    private final CommandGateway commands;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final DistributionSummary batchSizes;
    private final Counter deadLettered;
    private final Counter skipped;

    ValuationWorker(KnownListings listings, InputsReader inputs, Valuer valuer, CommandGateway commands,
            DeadLetters deadLetters, MeterRegistry meters) {
        this.listings = listings;
        this.inputs = inputs;
        this.valuer = valuer;
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.batchSizes = DistributionSummary.builder("valuation.worker.batch.size")
                .description("Listings valued together in one DMatrix").register(meters);
        this.deadLettered = Counter.builder("valuation.worker.dead.lettered")
                .description("Listing event records sent to the dead-letter topic").register(meters);
        this.skipped = Counter.builder("valuation.worker.skipped")
                .description("Valuations the aggregate refused because a newer listing version was valued").register(meters);
    }

    void process(List<ConsumerRecord<String, byte[]>> records) {
        List<ListingEventRecord> events = new ArrayList<>(records.size());
        List<PoisonRecord> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            ListingEventReader.Read read = reader.read(record);
            read.event().ifPresent(events::add);
            read.poison().ifPresent(poison::add);
        }
        listings.apply(events.stream().map(ValuationWorker::change).toList());
        List<ListingEventRecord> due = due(events);
        if (!due.isEmpty()) {
            List<ReadResult> read = due.stream().map(this::inputs).toList();
            List<Outcome> outcomes = valuer.valueAll(read);
            batchSizes.record(due.size());
            for (int i = 0; i < due.size(); i++) {
                record(due.get(i), outcomes.get(i));
            }
        }
        if (!poison.isEmpty()) {
            poison.forEach(p -> log.warn("Listing event record {}-{}@{} to the dead-letter topic: {}",
                    p.record().topic(), p.record().partition(), p.record().offset(), p.reason()));
            deadLetters.send(poison);
            deadLettered.increment(poison.size());
        }
    }

    /** Per listing, the latest event that calls for a valuation of a version not yet valued. */
    private List<ListingEventRecord> due(List<ListingEventRecord> events) {
        Map<String, Long> valued = listings.valuedVersions(events.stream().map(e -> e.event().listingId()).distinct().toList());
        Map<String, ListingEventRecord> latest = new LinkedHashMap<>();
        for (ListingEventRecord event : events) {
            String id = event.event().listingId();
            long valuedVersion = valued.getOrDefault(id, 0L);
            if (event.listingVersion() > valuedVersion && ValuationTriggers.calls(event, valued.containsKey(id))) {
                latest.merge(id, event, (a, b) -> b.listingVersion() > a.listingVersion() ? b : a);
            }
        }
        return new ArrayList<>(latest.values());
    }

    private ReadResult inputs(ListingEventRecord record) {
        ListingEvent event = record.event();
        ListingDetails details;
        UdyamClassification classification;
        if (event instanceof ListingDrafted drafted) {
            details = drafted.details();
            classification = drafted.classification();
        } else {
            ListingUpdated updated = (ListingUpdated) event;
            details = updated.details();
            classification = updated.classification();
        }
        return inputs.read(details, classification);
    }

    private void record(ListingEventRecord source, Outcome outcome) {
        String listingId = source.event().listingId();
        long version = source.listingVersion();
        Object command = outcome instanceof Estimate estimate
                ? new RecordValuation(listingId, version, estimate, source.envelope().id())
                : new RecordValuationFailure(listingId, version, (Unusable) outcome, source.envelope().id());
        boolean recorded = send(command, source);
        listings.markValued(listingId, version);
        if (!recorded) {
            skipped.increment();
            return;
        }
        if (outcome instanceof Estimate estimate) {
            meters.counter("valuation.completed", "method", estimate.method()).increment();
            if (estimate.fallbackReason() != null) {
                log.info("Listing {} v{} valued with {}: {}", listingId, version, estimate.method(), estimate.fallbackReason());
            }
        } else {
            meters.counter("valuation.failed", "code", ((Unusable) outcome).code()).increment();
        }
    }

    /** The listing's request id follows into the valuation's events ({@code ce_correlationid}). */
    private boolean send(Object command, ListingEventRecord source) {
        Map<String, Object> metaData = new HashMap<>();
        if (source.envelope().correlationId() != null) {
            metaData.put("requestId", source.envelope().correlationId());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Boolean recorded = commands.sendAndWait(command, MetaData.from(metaData));
                return Boolean.TRUE.equals(recorded);
            } catch (ConcurrencyException e) {
                // Another instance appended to this listing's valuations first (a rebalance): look again.
                if (attempt == CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static KnownListings.Change change(ListingEventRecord record) {
        ListingEvent event = record.event();
        String sellerId = event instanceof ListingDrafted drafted ? drafted.sellerId() : null;
        return new KnownListings.Change(event.listingId(), sellerId, STATUS_AFTER.get(event.getClass()),
                record.envelope().sequence());
    }
}
