package io.msmeatlas.projections.listing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsRebalancingException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listing stores of a running {@link KafkaStreams}, read with interactive queries v2
 * ({@link KafkaStreams#query}), which answer per partition and honour a {@link PositionBound}.
 * Key queries on the views read through the record cache; the index store is uncached because
 * range queries do not (see {@link ListingViewProjection}).
 *
 * <p>Without explicit partitions a query covers every partition hosted here, and answers 503 while
 * Kafka Streams rebalances, as the store API did. A partition that cannot answer fails the whole
 * query with {@link StorePartitionUnavailableException} rather than yield a silently partial page.
 */
public final class KafkaStreamsListingStores implements ListingStores {

    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsListingStores.class);

    /** Looked up only to test the views store's position; no listing has this id. */
    private static final String POSITION_PROBE = "";

    private final Supplier<KafkaStreams> streams;

    /** {@code streams} throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when there is none yet. */
    public KafkaStreamsListingStores(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public Map<Integer, KeyValueIterator<String, byte[]>> indexRange(String from, String to, boolean descending,
            QueryScope scope) {
        RangeQuery<String, byte[]> range = RangeQuery.withRange(from, to);
        StateQueryResult<KeyValueIterator<String, byte[]>> result = run(ListingViewProjection.INDEX_STORE,
                descending ? range.withDescendingKeys() : range, scope, PositionBound.unbounded());
        Map<Integer, KeyValueIterator<String, byte[]>> iterators = new TreeMap<>();
        StorePartitionUnavailableException failure = null;
        for (Map.Entry<Integer, QueryResult<KeyValueIterator<String, byte[]>>> partition
                : result.getPartitionResults().entrySet()) {
            if (partition.getValue().isSuccess()) {
                iterators.put(partition.getKey(), partition.getValue().getResult());
            } else if (failure == null) {
                failure = failure(ListingViewProjection.INDEX_STORE, partition.getKey(), partition.getValue());
            }
        }
        if (failure != null) {
            iterators.values().forEach(KeyValueIterator::close);
            throw failure;
        }
        return iterators;
    }

    @Override
    public ListingView view(int partition, String id) {
        StateQueryResult<ListingView> result = run(ListingViewProjection.STORE, KeyQuery.<String, ListingView>withKey(id),
                QueryScope.allLocalPartitions().withPartitions(Set.of(partition)), PositionBound.unbounded());
        QueryResult<ListingView> answer = result.getPartitionResults().get(partition);
        if (answer == null || answer.isFailure()) {
            throw answer == null
                    ? new StorePartitionUnavailableException(ListingViewProjection.STORE, partition,
                            FailureReason.NOT_PRESENT, "no answer")
                    : failure(ListingViewProjection.STORE, partition, answer);
        }
        return answer.getResult();
    }

    @Override
    public Optional<ListingView> view(String id, QueryScope scope) {
        StateQueryResult<ListingView> result = run(ListingViewProjection.STORE, KeyQuery.<String, ListingView>withKey(id),
                scope, scope.positionBound());
        StorePartitionUnavailableException failure = null;
        for (Map.Entry<Integer, QueryResult<ListingView>> partition : result.getPartitionResults().entrySet()) {
            QueryResult<ListingView> answer = partition.getValue();
            if (answer.isSuccess() && answer.getResult() != null) {
                return Optional.of(answer.getResult());
            }
            if (answer.isFailure() && failure == null) {
                failure = failure(ListingViewProjection.STORE, partition.getKey(), answer);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.empty();
    }

    @Override
    public void requirePosition(QueryScope scope) {
        if (scope.positionBound().isUnbounded()) {
            return;
        }
        StateQueryResult<ListingView> result = run(ListingViewProjection.STORE,
                KeyQuery.<String, ListingView>withKey(POSITION_PROBE), scope, scope.positionBound());
        result.getPartitionResults().forEach((partition, answer) -> {
            if (answer.isFailure()) {
                throw failure(ListingViewProjection.STORE, partition, answer);
            }
        });
    }

    private <R> StateQueryResult<R> run(String store, Query<R> query, QueryScope scope, PositionBound bound) {
        KafkaStreams kafkaStreams = streams.get();
        StateQueryRequest<R> request = StateQueryRequest.inStore(store).withQuery(query).withPositionBound(bound);
        if (scope.partitions().isPresent()) {
            request = request.withPartitions(scope.partitions().get());
        } else if (kafkaStreams.state() == KafkaStreams.State.REBALANCING) {
            throw new StreamsRebalancingException("Kafka Streams is rebalancing; the local partitions may change");
        } else {
            request = request.withAllPartitions();
        }
        return kafkaStreams.query(request);
    }

    private static StorePartitionUnavailableException failure(String store, int partition, QueryResult<?> answer) {
        if (answer.getFailureReason() == FailureReason.STORE_EXCEPTION
                || answer.getFailureReason() == FailureReason.DOES_NOT_EXIST) {
            log.warn("Query on {} partition {} failed: {} {}", store, partition, answer.getFailureReason(),
                    answer.getFailureMessage());
        }
        return new StorePartitionUnavailableException(store, partition, answer.getFailureReason(),
                answer.getFailureMessage());
    }
}
