package io.msmeatlas.projections.match;

import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.match.MatchProposed;
import java.util.HashSet;
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
 * Projects {@code msme.match.events} into three stores: {@value #MATCHES} (one {@link MatchView} per
 * match, key = match id), {@value #PROFILES} (one {@link BuyerProfileView} per buyer profile, key =
 * profile id) and the index {@value MatchIndex#STORE} ({@link MatchIndex}) that the list queries
 * range-scan. All three are partitioned like the topic, so an entry and its view are in the same
 * partition; the index is updated before the view in the same {@code process()} call.
 *
 * <p>Like the listing projection: payloads are read at their {@code ce_dataversion} and upcast;
 * duplicates are recognised by sequence (one number per aggregate) and change nothing; a record
 * without CloudEvents headers, with an unreadable payload or a key that is not its aggregate's id
 * throws, and goes to the dead-letter topic; event types this build does not know are skipped. The
 * listing summary comes with the match events themselves, so no join with the listing topic is needed.
 */
public final class MatchProjection {

    public static final String MATCHES = "match-views";
    public static final String PROFILES = "buyer-profile-views";
    public static final String INDEX = MatchIndex.STORE;

    private MatchProjection() {
    }

    public static KStream<String, byte[]> addTo(StreamsBuilder builder) {
        return addTo(builder, Topics.MATCH_EVENTS);
    }

    /** The projection of the match events on {@code topic} (tests use their own topics). */
    public static KStream<String, byte[]> addTo(StreamsBuilder builder, String topic) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MATCHES), Serdes.String(),
                new JsonSerde<>(MatchView.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILES), Serdes.String(),
                new JsonSerde<>(BuyerProfileView.class)).withCachingEnabled());
        // Uncached: a query's range scan must see entries written since the last commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDEX), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());
        KStream<String, byte[]> events = builder.stream(topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("match-events"));
        events.process(MatchProcessor::new, Named.as("match-projection"), MATCHES, PROFILES, INDEX);
        return events;
    }

    private static final class MatchProcessor implements Processor<String, byte[], Void, Void> {

        private static final Logger log = LoggerFactory.getLogger(MatchProjection.class);

        private KeyValueStore<String, MatchView> matches;
        private KeyValueStore<String, BuyerProfileView> profiles;
        private KeyValueStore<String, byte[]> index;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            matches = context.getStateStore(MATCHES);
            profiles = context.getStateStore(PROFILES);
            index = context.getStateStore(INDEX);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            EventEnvelope envelope = EventEnvelope.readFrom(record.headers());
            Optional<EventContract> contract = EventContracts.forCeType(envelope.type())
                    .filter(c -> MatchEvent.class.isAssignableFrom(c.javaType())
                            || BuyerProfileEvent.class.isAssignableFrom(c.javaType()));
            if (contract.isEmpty()) {
                // Kept in the dead-letter topic rather than dropped: after an upgrade it can be re-driven.
                throw new IllegalArgumentException("Event " + envelope.id() + " has a type this projection does not "
                        + "know: " + envelope.type());
            }
            if (record.value() == null) {
                throw new IllegalArgumentException("Event " + envelope.id() + " has no payload");
            }
            Object event = EventJson.read(record.value(), envelope.type(), envelope.dataVersion());
            String aggregateId = event instanceof MatchEvent match ? match.matchId()
                    : ((BuyerProfileEvent) event).profileId();
            if (!aggregateId.equals(record.key())) {
                throw new IllegalArgumentException("Record key " + record.key() + " is not the aggregate id "
                        + aggregateId + " of event " + envelope.id());
            }
            if (event instanceof MatchEvent match) {
                match(match, envelope);
            } else {
                profile((BuyerProfileEvent) event, envelope);
            }
        }

        private void match(MatchEvent event, EventEnvelope envelope) {
            MatchView current = matches.get(event.matchId());
            if (current != null && envelope.sequence() < current.version()) {
                // Unchanged, but the store's position now covers this record (read-your-writes on its offset).
                matches.put(current.matchId(), current);
                return;
            }
            MatchView next = current == null
                    ? (event instanceof MatchProposed proposed ? MatchView.proposed(proposed, envelope) : null)
                    : current.apply(event, envelope);
            if (next == null) {
                log.warn("Ignoring {} {} for match {}: never proposed", envelope.type(), envelope.id(), event.matchId());
                return;
            }
            reindex(current == null ? Set.of() : MatchIndex.entries(current), MatchIndex.entries(next));
            matches.put(next.matchId(), next);
        }

        private void profile(BuyerProfileEvent event, EventEnvelope envelope) {
            BuyerProfileView current = profiles.get(event.profileId());
            if (current != null && envelope.sequence() < current.version()) {
                profiles.put(current.id(), current);
                return;
            }
            BuyerProfileView next = current == null
                    ? (event instanceof BuyerProfileCreated created ? BuyerProfileView.created(created, envelope) : null)
                    : event instanceof BuyerProfileCreated ? null : current.apply(event, envelope);
            if (next == null) {
                log.warn("Ignoring {} {} for profile {}: {}", envelope.type(), envelope.id(), event.profileId(),
                        current == null ? "never created" : "created already");
                return;
            }
            reindex(current == null ? Set.of() : MatchIndex.entries(current), MatchIndex.entries(next));
            profiles.put(next.id(), next);
        }

        /** Deletes the entries the old view had and the new one has not, then writes the new ones. */
        private void reindex(Set<String> old, Set<String> wanted) {
            for (String key : old) {
                if (!wanted.contains(key)) {
                    index.delete(key);
                }
            }
            Set<String> added = new HashSet<>(wanted);
            added.removeAll(old);
            for (String key : added) {
                index.put(key, MatchIndex.PRESENT);
            }
        }
    }
}
