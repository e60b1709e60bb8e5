package io.msmeatlas.lagexporter;

/**
 * How far one consumer group is behind on one partition.
 *
 * @param committed the group's committed offset (the next record it will process)
 * @param end the last stable offset: the end of what {@code read_committed} consumers can read
 * @param lagRecords offsets between the two; 0 when only transaction markers lie between them
 * @param lagSeconds how long the oldest record the group has not processed has been waiting (now minus
 *        its timestamp), 0 when caught up, NaN when that record could not be read in time
 */
record PartitionLag(String group, String topic, int partition, long committed, long end, long lagRecords,
        double lagSeconds) {
}
