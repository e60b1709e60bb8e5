package io.msmeatlas.valuation.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.valuation.ValuationProperties;
import io.msmeatlas.valuation.listing.KnownListings;
import io.msmeatlas.valuation.model.InputsReader;
import io.msmeatlas.valuation.model.Valuer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The worker's consumer: its own group, from the earliest offset, batches of up to
 * {@code atlas.valuation.worker.max-batch} records, offsets committed after each batch is processed
 * (never auto-commit). A batch that fails for a reason other than its records (PostgreSQL down) is
 * retried with backoff until it succeeds, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    static final String CONTAINER_FACTORY = "listingEventsContainerFactory";

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> listingEventsContainerFactory(KafkaProperties kafka,
            ValuationProperties properties, MeterRegistry meters) {
        ValuationProperties.Worker worker = properties.worker();
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, worker.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(Topics.SUBSCRIBER_CONFIG);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, worker.maxBatch());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        // Consumer lag and fetch metrics (kafka_consumer_fetch_manager_records_lag_max) on /actuator/prometheus.
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(worker.concurrency());
        factory.setAutoStartup(worker.enabled());
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(worker.maxBackoff().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /** Kept like an event topic: a poison record waits for an operator however long that takes. */
    @Bean
    NewTopic deadLetterTopic(ValuationProperties properties) {
        return TopicBuilder.name(properties.worker().deadLetterTopic()).partitions(Topics.DEFAULT_PARTITIONS)
                .configs(Topics.EVENT_TOPIC_CONFIG).build();
    }

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(KafkaProperties kafka, ValuationProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DeadLetters(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                properties.worker().deadLetterTopic(), properties.worker().groupId());
    }

    @Bean
    ValuationWorker valuationWorker(KnownListings listings, InputsReader inputs, Valuer valuer, CommandGateway commands,
            DeadLetters deadLetters, MeterRegistry meters) {
        return new ValuationWorker(listings, inputs, valuer, commands, deadLetters, meters);
    }

    @Bean
    ListingEventsListener listingEventsListener(ValuationWorker worker) {
        return new ListingEventsListener(worker);
    }
}
