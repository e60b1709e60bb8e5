package io.msmeatlas.valuation.worker;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record the worker cannot read, and why: it goes to the dead-letter topic. */
record PoisonRecord(ConsumerRecord<String, byte[]> record, String reason, Exception cause) {
}
