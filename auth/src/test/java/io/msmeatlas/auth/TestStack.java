package io.msmeatlas.auth;

import io.msmeatlas.infra.SharedInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the auth service at this JVM's real PostgreSQL, Kafka and Redis. */
final class TestStack {

    private TestStack() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("atlas.auth.redis.url", () -> "redis://127.0.0.1:" + SharedInfrastructure.redis().port());
    }
}
