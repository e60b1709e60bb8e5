package io.msmeatlas.projections.match;

import io.msmeatlas.projections.cluster.ProjectionCluster;
import io.msmeatlas.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The match read models in this service's Kafka Streams, and their queries. */
@Configuration(proxyBeanMethods = false)
class MatchConfig {

    @Bean
    KStream<String, byte[]> matchEvents(StreamsBuilder builder) {
        return MatchProjection.addTo(builder);
    }

    @Bean
    MatchQuery matchQuery(ProjectionCluster cluster) {
        return new MatchQuery(new KafkaStreamsMatchStores(cluster));
    }

    /** Created here too, so this service starts before the matching service has written anything. */
    @Bean
    NewTopic matchEventsTopic() {
        return TopicBuilder.name(Topics.MATCH_EVENTS).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }
}
