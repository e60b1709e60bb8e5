-- Set-based validation: one row per (lower-case) email, claimed in the same transaction as the
-- UserRegistered event, so a duplicate stores nothing.
create table user_emails (
    email   varchar(254) not null primary key,
    user_id varchar(64)  not null unique
);

-- Password hashes stay here and never enter an event.
create table credentials (
    user_id       varchar(64)  not null primary key references user_emails (user_id),
    password_hash varchar(100) not null,
    scheme        varchar(40)  not null,
    updated_at    timestamptz  not null
);

-- Read model of the User events, written by a subscribing handler in the command's transaction.
create table users (
    user_id       varchar(64)  not null primary key,
    email         varchar(254) not null,
    display_name  varchar(100) not null,
    roles         text[]       not null,
    registered_at timestamptz  not null
);

-- Access-token signing keys. private_key is the private JWK, null for a key from the environment
-- and erased on retirement; retired keys stay published until the tokens they signed expired.
create table signing_keys (
    kid         varchar(64) not null primary key,
    private_key text,
    public_jwk  text        not null,
    created_at  timestamptz not null,
    retired_at  timestamptz
);
create index signing_keys_active on signing_keys (created_at) where retired_at is null;
