package io.msmeatlas.projections.listing;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

@Configuration(proxyBeanMethods = false)
class ListingConfig {

    @Bean
    KStream<String, byte[]> listingEvents(StreamsBuilder builder) {
        return ListingViewProjection.addTo(builder);
    }

    @Bean
    ListingStores listingStores(StreamsBuilderFactoryBean streams) {
        return new KafkaStreamsListingStores(() -> {
            KafkaStreams kafkaStreams = streams.getKafkaStreams();
            if (kafkaStreams == null) {
                throw new StreamsNotStartedException("Kafka Streams has not been created yet");
            }
            return kafkaStreams;
        });
    }

    @Bean
    ListingQuery listingQuery(ListingStores stores) {
        return new ListingQuery(stores);
    }
}
