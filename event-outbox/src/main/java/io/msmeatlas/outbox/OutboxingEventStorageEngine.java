package io.msmeatlas.outbox;

import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store, plus one outbox row per stored event in the same transaction: an event
 * is in the outbox if and only if it was committed to the event store.
 */
class OutboxingEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final EventOutbox outbox;
    private final Runnable onCommit;

    OutboxingEventStorageEngine(Builder builder, TransactionManager transactionManager, EventOutbox outbox,
            Runnable onCommit) {
        super(builder);
        this.transactionManager = transactionManager;
        this.outbox = outbox;
        this.onCommit = onCommit;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            outbox.add(events);
            OutboxSignal.afterCommit(onCommit);
        });
    }
}
