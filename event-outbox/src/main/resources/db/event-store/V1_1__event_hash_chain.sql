-- Per-aggregate hash chain over the stored events (see HashChain), written in the event's transaction.
-- Events stored before this table existed have no row: audit reports them as "unchained".
create table event_hash_chain (
    aggregate_id     varchar(255) not null,
    sequence_number  bigint       not null,
    event_identifier varchar(255) not null unique,
    hash             bytea        not null,
    primary key (aggregate_id, sequence_number)
);

-- Carried to Kafka as the ce_hash header; null for rows written before the chain existed.
alter table event_outbox add column hash bytea;
