package io.msmeatlas.listings;

import io.msmeatlas.infra.SharedInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the listings service at this JVM's real PostgreSQL and Kafka. */
final class TestStack {

    private TestStack() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
    }
}
