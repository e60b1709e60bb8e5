package io.msmeatlas.outbox;

import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store, plus one outbox row per stored event in the same transaction: an event
 * is in the outbox if and only if it was committed to the event store. The same transaction extends
 * the aggregate's {@link HashChain}; the event store's unique (aggregate, sequence) serialises appends
 * per aggregate, so the predecessor's hash read here is the committed one.
 */
class OutboxingEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final StoredEventChain chain;
    private final EventOutbox outbox;
    private final Runnable onCommit;

    OutboxingEventStorageEngine(Builder builder, TransactionManager transactionManager, StoredEventChain chain,
            EventOutbox outbox, Runnable onCommit) {
        super(builder);
        this.transactionManager = transactionManager;
        this.chain = chain;
        this.outbox = outbox;
        this.onCommit = onCommit;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            Map<String, byte[]> hashes = chain.extend(events.stream().map(EventMessage::getIdentifier).toList());
            outbox.add(events, hashes);
            OutboxSignal.afterCommit(onCommit);
        });
    }
}
