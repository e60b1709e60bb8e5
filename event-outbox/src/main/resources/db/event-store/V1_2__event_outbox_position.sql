-- How far the relay has seen its topic, per partition: the offset after the last record of the last
-- transaction it knows committed. After a failure it reads the topic from here to find what did get
-- committed, so nothing is published twice.
create table event_outbox_position (
    topic       varchar(255) not null,
    partition   int          not null,
    next_offset bigint       not null,
    primary key (topic, partition)
);
