package io.msmeatlas.projections;

import io.msmeatlas.projections.listing.ListingViewProjection;
import io.msmeatlas.projections.match.MatchProjection;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Every read model of the projections service, in one Kafka Streams topology: the service runs it,
 * and the rebuild tool ({@code audit rebuild}) builds a new version of it from the topics.
 */
public final class ReadModels {

    private ReadModels() {
    }

    /** A new topology each time: one Kafka Streams instance cannot share it with another. */
    public static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        ListingViewProjection.addTo(builder);
        MatchProjection.addTo(builder);
        return builder.build();
    }
}
