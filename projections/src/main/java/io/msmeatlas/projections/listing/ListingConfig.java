package io.msmeatlas.projections.listing;

import io.msmeatlas.projections.ProjectionsStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listing queries over the serving version's stores (the topology is in {@code ReadModels}). */
@Configuration(proxyBeanMethods = false)
class ListingConfig {

    @Bean
    ListingStores listingStores(ProjectionsStreams streams) {
        return new KafkaStreamsListingStores(streams::serving);
    }

    @Bean
    ListingQuery listingQuery(ListingStores stores) {
        return new ListingQuery(stores);
    }
}
