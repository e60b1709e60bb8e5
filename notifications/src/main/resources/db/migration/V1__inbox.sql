-- Each user's inbox. seq numbers a user's notifications 1, 2, 3... in commit order (the row of
-- inbox_sequence is locked from the increment to the commit), so "everything after seq N" is exact:
-- it is the SSE event id and what Last-Event-ID replays from. An event notifies a user at most once:
-- (user_id, event_id) is unique, so a redelivered event inserts nothing.
create table inbox_sequence (
    user_id  varchar(255) primary key,
    last_seq bigint       not null
);

create table notification (
    user_id    varchar(255) not null,
    seq        bigint       not null,
    event_id   varchar(255) not null,
    type       varchar(40)  not null,
    title      varchar(300) not null,
    body       text         not null,
    link       varchar(500),
    data       jsonb,
    created_at timestamptz  not null,
    read_at    timestamptz,
    primary key (user_id, seq),
    unique (user_id, event_id)
);
create index notification_unread on notification (user_id, seq) where read_at is null;

-- Which channels a user wants per notification type; no row: the type's defaults.
create table preference (
    user_id varchar(255) not null,
    type    varchar(40)  not null,
    in_app  boolean      not null,
    email   boolean      not null,
    primary key (user_id, type)
);

-- Where to email a user, from msme.user.events.
create table recipient (
    user_id      varchar(255) primary key,
    email        varchar(254) not null,
    display_name varchar(100)
);

-- Who sells a listing and its title, from msme.listing.events: moderation and valuation events name the
-- listing only.
create table listing_owner (
    listing_id    varchar(255) primary key,
    seller_id     varchar(255) not null,
    title         varchar(140),
    last_sequence bigint       not null
);

-- Emails waiting to be sent, written in the notification's transaction and drained by the sender: a
-- slow or failing SMTP server never holds up the inbox. Failures are retried with backoff.
create table email_queue (
    id              bigserial    primary key,
    user_id         varchar(255) not null,
    event_id        varchar(255) not null,
    type            varchar(40)  not null,
    subject         varchar(300) not null,
    body            text         not null,
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(500),
    sent_at         timestamptz,
    failed_at       timestamptz,
    created_at      timestamptz  not null,
    unique (user_id, event_id)
);
create index email_queue_due on email_queue (next_attempt_at) where sent_at is null and failed_at is null;
