package io.msmeatlas.projections.match;

import io.msmeatlas.projections.cluster.ProjectionCluster;
import io.msmeatlas.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The queries over the match read models (their topology is in {@code ReadModels}). */
@Configuration(proxyBeanMethods = false)
class MatchConfig {

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
