package io.msmeatlas.projections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Read models built by Kafka Streams from the event topics, and the HTTP queries over them. */
@SpringBootApplication
public class ProjectionsApplication {

    /** Every read model this service keeps. */
    @Bean
    KafkaStreamsConfig.TopologyFactory readModels() {
        return ReadModels::topology;
    }

    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApplication.class, args);
    }
}
