package io.msmeatlas.projections.match;

import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * One partition's copy of the match stores, as the queries read them. Kafka Streams keeps a store
 * per partition; the queries read each partition they answer for and merge. Every method throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the stores cannot be read.
 */
interface MatchStores {

    /** The index keys in {@code [from, to]} of one partition, in key order; the caller closes it. */
    KeyValueIterator<String, byte[]> indexRange(int partition, String from, String to);

    MatchView match(int partition, String matchId);

    BuyerProfileView profile(int partition, String profileId);
}
