package io.msmeatlas.projections.listing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.valuation.ValuationEvent;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects {@code msme.listing.events} into the {@value #STORE} store, one {@link ListingView} per
 * listing, and keeps the secondary index {@value ListingIndex#STORE} ({@link ListingIndex}) in step
 * with it in the same {@code process()} call: the index keys of the old view that the new one no
 * longer has are deleted, the new ones written, then the view.
 *
 * <p>Payloads are read at the schema version their {@code ce_dataversion} names and upcast, so
 * events stored before a schema change still project. Idempotent under at-least-once delivery: a
 * listing's events arrive in order on one partition (key = listing id), so an event whose
 * {@code ce_sequence} is below the view's version was applied before and is skipped. An event for a
 * listing never drafted is logged and skipped. A record without CloudEvents headers, whose payload
 * cannot be read, whose schema version is newer than this build knows or whose key is not its
 * listing id throws, and the processing exception handler sends it to the dead-letter topic. An
 * event type this build does not know (a newer one) is skipped, so producers can add types before
 * we handle them.
 *
 * <p>The views store is cached (repeated writes to a listing between commits reach RocksDB and the
 * changelog once, and IQv2 key queries read through the cache). The index store is not: Kafka
 * Streams 4.2 answers an IQv2 {@code RangeQuery} from the underlying store only, so a cached index
 * would hide entries written since the last commit from searches.
 */
public final class ListingViewProjection {

    public static final String STORE = "listing-views";
    public static final String INDEX_STORE = ListingIndex.STORE;
    /** Valuations of listings this partition has not seen drafted yet. */
    static final String PENDING_STORE = "listing-valuations-pending";

    /**
     * Freshness: from an event being stored (its {@code ce_time}) to its change being visible here.
     * An event older than {@link #REPLAY_AFTER} when applied is a replay or a rebuild, not lag: it is
     * counted apart, so a rebuild does not read as minutes of lag (consumer lag in seconds comes from
     * the lag exporter). Static: the processor is created by Kafka Streams; Spring Boot connects the
     * global registry to its Prometheus registry.
     */
    static final Duration REPLAY_AFTER = Duration.ofMinutes(5);
    private static final Timer FRESHNESS = Timer.builder("projection.freshness").tag("view", STORE)
            .description("Time from an event being stored to its change being visible in the read model")
            .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofMinutes(1), REPLAY_AFTER)
            .register(Metrics.globalRegistry);
    private static final Counter REPLAYED = Counter.builder("projection.replayed.events").tag("view", STORE)
            .description("Events applied more than 5 minutes after they were stored (a replay or rebuild)")
            .register(Metrics.globalRegistry);

    private ListingViewProjection() {
    }

    public static KStream<String, byte[]> addTo(StreamsBuilder builder) {
        return addTo(builder, Topics.LISTING_EVENTS, Topics.VALUATION_EVENTS);
    }

    /**
     * The projection of the listing events, with the latest valuation of each listing joined in, from
     * {@code topics} (the listing and valuation topics; tests use their own). The topics are keyed by
     * listing id and have as many partitions, so one task sees a listing's events of both and keeps
     * them in one view; a valuation that arrives before its listing waits in {@value #PENDING_STORE}.
     */
    public static KStream<String, byte[]> addTo(StreamsBuilder builder, String... topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new ListingViewSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(INDEX_STORE), Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), Serdes.ByteArray()));
        KStream<String, byte[]> events = builder.stream(List.of(topics),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("listing-events"));
        events.process(ListingViewProcessor::new, Named.as("listing-view-projection"), STORE, INDEX_STORE,
                PENDING_STORE);
        return events;
    }

    private static final class ListingViewProcessor implements Processor<String, byte[], Void, Void> {

        private static final Logger log = LoggerFactory.getLogger(ListingViewProjection.class);

        private KeyValueStore<String, ListingView> views;
        private KeyValueStore<String, byte[]> index;
        private KeyValueStore<String, byte[]> pending;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            views = context.getStateStore(STORE);
            index = context.getStateStore(INDEX_STORE);
            pending = context.getStateStore(PENDING_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
            Optional<EventContract> contract = EventContracts.forCeType(envelope.type());
            if (contract.isPresent() && ValuationEvent.class.isAssignableFrom(contract.get().javaType())) {
                join(record, envelope);
                return;
            }
            if (contract.isEmpty() || !ListingEvent.class.isAssignableFrom(contract.get().javaType())) {
                // Kept in the dead-letter topic rather than dropped: after an upgrade it can be re-driven.
                throw new IllegalArgumentException("Event " + envelope.id() + " has a type this projection does not "
                        + "know: " + envelope.type());
            }
            if (record.value() == null) {
                throw new IllegalArgumentException("Event " + envelope.id() + " has no payload");
            }
            ListingEvent event = (ListingEvent) EventJson.read(record.value(), envelope.type(),
                    envelope.dataVersion());
            if (!event.listingId().equals(record.key())) {
                throw new IllegalArgumentException("Record key " + record.key() + " is not the listing id "
                        + event.listingId() + " of event " + envelope.id());
            }
            ListingView current = views.get(event.listingId());
            if (current != null && envelope.sequence() < current.version()) {
                log.debug("Skipping redelivered event {} (sequence {}) of listing {} at version {}",
                        envelope.id(), envelope.sequence(), current.id(), current.version());
                // Unchanged, but the store's position now covers this record, so a query bounded by it
                // (read-your-writes on a redelivered event's offset) does not wait for the next event.
                views.put(current.id(), current);
                return;
            }
            if (current != null && envelope.sequence() > current.version()) {
                log.warn("Listing {} at version {} skips to event sequence {}; applying event {} anyway",
                        current.id(), current.version(), envelope.sequence(), envelope.id());
            }
            ListingView next = apply(current, event, envelope);
            if (next == null) {
                log.warn("Ignoring {} {} for listing {}: {}", envelope.type(), envelope.id(), event.listingId(),
                        current == null ? "no such listing" : "listing already drafted");
                return;
            }
            if (current == null) {
                next = withPending(next);
            }
            updateIndex(current, next);
            views.put(next.id(), next);
            recordFreshness(envelope.time(), Instant.now());
        }

        private static void recordFreshness(Instant stored, Instant visible) {
            Duration age = Duration.between(stored, visible);
            if (age.compareTo(REPLAY_AFTER) > 0) {
                REPLAYED.increment();
            } else {
                FRESHNESS.record(age.isNegative() ? Duration.ZERO : age);
            }
        }

        /** The latest valuation into its listing's view, or kept until the listing arrives. */
        private void join(Record<String, byte[]> record, EventEnvelope envelope) {
            if (record.value() == null) {
                throw new IllegalArgumentException("Event " + envelope.id() + " has no payload");
            }
            ValuationEvent event = (ValuationEvent) EventJson.read(record.value(), envelope.type(),
                    envelope.dataVersion());
            if (!event.listingId().equals(record.key())) {
                throw new IllegalArgumentException("Record key " + record.key() + " is not the listing id "
                        + event.listingId() + " of event " + envelope.id());
            }
            ListingValuation valuation = ListingValuation.of(event, envelope);
            ListingView current = views.get(event.listingId());
            if (current == null) {
                ListingValuation waiting = pendingValuation(event.listingId());
                if (valuation.replaces(waiting)) {
                    pending.put(event.listingId(), EventJson.mapper().writeValueAsBytes(valuation));
                }
                return;
            }
            // A redelivered or older valuation still rewrites the view, so the store's position covers its record.
            views.put(current.id(), valuation.replaces(current.valuation()) ? current.valued(valuation) : current);
        }

        private ListingView withPending(ListingView drafted) {
            ListingValuation waiting = pendingValuation(drafted.id());
            if (waiting == null) {
                return drafted;
            }
            pending.delete(drafted.id());
            return drafted.valued(waiting);
        }

        private ListingValuation pendingValuation(String listingId) {
            byte[] json = pending.get(listingId);
            return json == null ? null : EventJson.read(json, ListingValuation.class);
        }

        /** Index first, view last: a query that sees the view's new position also sees its index entries. */
        private void updateIndex(ListingView current, ListingView next) {
            Set<String> old = current == null ? Set.of() : ListingIndex.entries(current);
            Set<String> wanted = ListingIndex.entries(next);
            for (String key : old) {
                if (!wanted.contains(key)) {
                    index.delete(key);
                }
            }
            Set<String> added = new HashSet<>(wanted);
            added.removeAll(old);
            for (String key : added) {
                index.put(key, ListingIndex.PRESENT);
            }
        }

        /** Null when the event does not fit the listing's state. */
        private static ListingView apply(ListingView view, ListingEvent event, EventEnvelope envelope) {
            // One branch per permitted ListingEvent; ListingViewProjectionTest fails when one is missing.
            if (event instanceof ListingDrafted drafted) {
                return view == null ? ListingView.drafted(drafted, envelope) : null;
            }
            if (view == null) {
                return null;
            }
            if (event instanceof ListingUpdated updated) {
                return view.updated(updated.details(), updated.classification(), envelope);
            }
            if (event instanceof ListingSubmitted) {
                return view.submitted(envelope);
            }
            if (event instanceof ListingPublished published) {
                return view.published(published.approvedBy(), published.expiresAt(), envelope);
            }
            if (event instanceof ListingRejected rejected) {
                return view.moderated(ListingStatus.REJECTED, rejected.reason(), envelope);
            }
            if (event instanceof ListingSuspended suspended) {
                return view.moderated(ListingStatus.SUSPENDED, suspended.reason(), envelope);
            }
            if (event instanceof ListingMarkedUnderOffer) {
                return view.underOffer(envelope);
            }
            if (event instanceof ListingReturnedToMarket returned) {
                return view.returnedToMarket(returned.expiresAt(), envelope);
            }
            if (event instanceof ListingSold) {
                return view.closed(ListingStatus.SOLD, envelope);
            }
            if (event instanceof ListingExpired) {
                return view.closed(ListingStatus.EXPIRED, envelope);
            }
            if (event instanceof ListingWithdrawn) {
                return view.closed(ListingStatus.WITHDRAWN, envelope);
            }
            throw new IllegalStateException("No projection for " + event.getClass().getName());
        }
    }
}
