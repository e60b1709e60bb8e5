package io.msmeatlas.projections.listing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker per test JVM, started on first use and stopped when the JVM exits, shared by
 * every test of this module that needs Kafka (each with its own topics and application ids).
 */
public final class TestBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private TestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-test-broker"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }
}
