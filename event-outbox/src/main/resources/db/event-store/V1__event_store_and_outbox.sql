-- Axon's JDBC event store (PostgresEventTableFactory layout).
create table domain_event_entry (
    global_index         bigserial    not null primary key,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null unique,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null unique,
    meta_data            bytea,
    payload              bytea        not null,
    payload_revision     varchar(255),
    payload_type         varchar(255) not null,
    time_stamp           varchar(255) not null,
    primary key (aggregate_identifier, sequence_number)
);

-- Events waiting for Kafka, written in the same transaction as the event store. A row is deleted
-- once Kafka acknowledged it; the payload is the public contract's JSON, not Axon's serialized form.
create table event_outbox (
    id                 bigserial    not null primary key,
    event_id           varchar(255) not null unique,
    aggregate_id       varchar(255) not null,
    aggregate_sequence bigint       not null,
    ce_type            varchar(255) not null,
    occurred_at        timestamptz  not null,
    correlation_id     varchar(128),
    payload            bytea        not null
);
