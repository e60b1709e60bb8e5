package io.msmeatlas.valuation.worker;

import io.msmeatlas.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Hands each polled batch of listing events to the worker; the container commits after it returns. */
class ListingEventsListener {

    static final String ID = "valuation-worker";

    private final ValuationWorker worker;

    ListingEventsListener(ValuationWorker worker) {
        this.worker = worker;
    }

    /** The consumer group is {@code atlas.valuation.worker.group-id}, from the container factory, not the id. */
    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.LISTING_EVENTS,
            containerFactory = WorkerConfiguration.CONTAINER_FACTORY, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        worker.process(records);
    }
}
