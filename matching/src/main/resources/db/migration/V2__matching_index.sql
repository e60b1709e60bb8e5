-- The matching worker's state, kept from msme.listing.events and the buyer-profile events. Each row
-- remembers the last event sequence applied to it: a redelivered event is recognised and skipped.

-- Every listing, with what matching needs to find buyers for it and to reveal it on an accepted match.
create table listing_index (
    listing_id     varchar(255) primary key,
    seller_id      varchar(255) not null,
    status         varchar(32)  not null,
    last_sequence  bigint       not null,
    details        jsonb        not null,
    classification jsonb,
    section        varchar(1),
    state          varchar(80),
    city_key       varchar(100),
    price_band     int
);
-- Profiles look listings up by section, state or city and price band; only live listings take part.
create index listing_index_live on listing_index (section, state, price_band)
    where status in ('PUBLISHED', 'UNDER_OFFER');
create index listing_index_live_city on listing_index (city_key, price_band)
    where status in ('PUBLISHED', 'UNDER_OFFER');

-- Every buyer profile, indexed under every (section, region, budget band) combination its hard criteria
-- accept ('*' for any, e.g. 'C|Maharashtra|9', '*|city:pune|9'): a listing finds its candidates by looking
-- up its six combinations in one GIN index, never by reading every profile.
create table buyer_index (
    profile_id    varchar(255) primary key,
    buyer_id      varchar(255) not null,
    active        boolean      not null,
    last_sequence bigint       not null,
    name          varchar(120) not null,
    criteria      jsonb        not null,
    contact       jsonb,
    match_keys    text[]       not null
);
create index buyer_index_keys on buyer_index using gin (match_keys) where active;

-- Every match the worker ever proposed: whether it currently stands by it, and a fingerprint of the last
-- proposal (score, reasons, teaser) so that an unchanged one is not sent again.
create table match_directory (
    match_id    varchar(255) primary key,
    profile_id  varchar(255) not null,
    listing_id  varchar(255) not null,
    proposed    boolean      not null,
    fingerprint varchar(64)
);
create index match_directory_profile on match_directory (profile_id) where proposed;
create index match_directory_listing on match_directory (listing_id) where proposed;
